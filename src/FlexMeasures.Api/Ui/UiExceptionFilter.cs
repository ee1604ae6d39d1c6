using FlexMeasures.Api.Access;
using FlexMeasures.Api.Errors;
using FlexMeasures.Data.Administration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FlexMeasures.Api.Ui;

/// <summary>
/// The access policy's refusals in a page handler become the status the API would answer (403, 404), which the
/// UI's status-code pages then render as a page.
/// </summary>
internal sealed class UiExceptionFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int? status = context.Exception switch
        {
            AccessDeniedException or NotPermittedException => StatusCodes.Status403Forbidden,
            ResourceNotFoundException => StatusCodes.Status404NotFound,
            _ => null,
        };
        if (status is { } code)
        {
            context.Result = new StatusCodeResult(code);
            context.ExceptionHandled = true;
        }
    }
}
