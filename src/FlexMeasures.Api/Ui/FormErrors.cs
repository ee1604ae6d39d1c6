using FlexMeasures.Data.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FlexMeasures.Api.Ui;

/// <summary>
/// A form's refusal by the data services (the same messages the API answers with), shown next to the field it names:
/// the form comes again with status 422 and nothing is stored (the services change nothing when they refuse).
/// </summary>
internal static class FormErrors
{
    /// <param name="fields">The services' field names mapped to the form's property names; others go to the form's summary.</param>
    public static PageResult Show(PageModel page, InvalidInputException refusal, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(fields);
        page.ModelState.AddModelError(fields.GetValueOrDefault(refusal.Field, string.Empty), refusal.Message);
        return Again(page);
    }

    /// <summary>The form again with what model binding refused (e.g. a number field holding text).</summary>
    public static PageResult Again(PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page.Page();
    }

    /// <summary>"true" for an input whose value was refused (its <c>aria-invalid</c>), else null (no attribute).</summary>
    public static string? AriaInvalid(ModelStateDictionary state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : null;
    }
}
