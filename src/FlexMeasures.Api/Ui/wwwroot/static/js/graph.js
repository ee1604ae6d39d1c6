// The graph of an asset's or a sensor's page: loads the chart data (and annotations) for the page's period from the
// API with the session cookie and draws one chart per group of sensors_to_show, stacked, sharing the time axis.
// Measurements are solid lines, forecasts dashed, schedules thick; annotations are shaded areas. For tests and
// assistive technology the element carries what it shows: data-state, data-series, data-points, data-summary.
(function () {
  "use strict";
  var element = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  if (!element || typeof echarts === "undefined") {
    return;
  }
  var zone = element.dataset.timezone;
  var startMs = Date.parse(element.dataset.start);
  var endMs = Date.parse(element.dataset.end);
  var query = "event_starts_after=" + encodeURIComponent(element.dataset.start) + "&event_ends_before=" + encodeURIComponent(element.dataset.end);
  var longFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, month: "short", day: "numeric" });
  var hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var short = endMs - startMs <= 2 * 86400000;
  var colours = ["#0b6e4f", "#1d4ed8", "#b45309", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#9d174d"];

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url.split("?")[0] + " answered " + response.status);
      }
      return response.json();
    });
  }

  function say(text, state) {
    element.dataset.state = state;
    status.textContent = text;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return "";
    }
    var sign = seconds < 0 ? "-" : "";
    var s = Math.abs(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.round((s % 3600) / 60);
    return sign + (h ? h + " h" : "") + (m ? (h ? " " : "") + m + " min" : h ? "" : "0 h");
  }

  function tooltip(params) {
    var list = Array.isArray(params) ? params : [params];
    if (list.length === 0) {
      return "";
    }
    var lines = [longFormat.format(new Date(list[0].value[0])) + " (" + zone + ")"];
    list.forEach(function (p) {
      var info = seriesInfo[p.seriesIndex];
      var point = p.value;
      var line = p.marker + info.name + ": <b>" + (+point[1].toFixed(4)) + " " + info.unit + "</b>";
      line += " · " + info.source + " (" + info.kind + ")";
      if (point[2] !== null && point[2] !== undefined) {
        line += " · believed " + longFormat.format(new Date(point[2]));
      }
      if (info.kind === "forecast" && point[3] !== null) {
        line += " · horizon " + duration(point[3]);
      }
      lines.push(line);
    });
    return lines.join("<br>");
  }

  var seriesInfo = [];

  function draw(data, annotations) {
    var sensors = {};
    data.sensors.forEach(function (s) { sensors[s.id] = s; });
    var groups = data.sensors_to_show.filter(function (g) { return g.sensors.some(function (id) { return sensors[id]; }); });
    var chartHeight = 220;
    var gap = 56;
    var top = 48;
    element.style.height = (top + groups.length * (chartHeight + gap)) + "px";
    var grids = [];
    var xAxes = [];
    var yAxes = [];
    var series = [];
    var summary = [];
    var points = 0;
    groups.forEach(function (group, g) {
      var units = [];
      grids.push({ left: 64, right: 24, top: top + g * (chartHeight + gap), height: chartHeight, containLabel: false });
      xAxes.push({
        type: "time", gridIndex: g, min: startMs, max: endMs,
        axisLabel: { hideOverlap: true, formatter: function (value) { return short ? hourFormat.format(new Date(value)) : dayFormat.format(new Date(value)); } }
      });
      var first = true;
      group.sensors.forEach(function (id) {
        var sensor = sensors[id];
        if (!sensor) {
          return;
        }
        if (units.indexOf(sensor.unit) < 0) {
          units.push(sensor.unit);
        }
        sensor.series.forEach(function (s) {
          var name = sensor.name + " · " + s.source.name + (s.kind === "measurement" ? "" : " (" + s.kind + ")");
          var colour = colours[series.length % colours.length];
          var entry = {
            name: name, type: "line", xAxisIndex: g, yAxisIndex: g, data: s.points, showSymbol: s.points.length < 60,
            symbolSize: 4, animation: false, connectNulls: false, color: colour,
            lineStyle: { width: s.kind === "schedule" ? 2.5 : 1.5, type: s.kind === "forecast" ? "dashed" : "solid" }
          };
          if (first && annotations.length > 0) {
            entry.markArea = {
              silent: false, itemStyle: { color: "rgba(180, 83, 9, 0.12)" },
              label: { show: true, position: "insideTop", color: "#7c2d12", fontSize: 11 },
              data: annotations.map(function (a) { return [{ name: a.content, xAxis: Date.parse(a.start) }, { xAxis: Date.parse(a.end) }]; })
            };
            first = false;
          }
          series.push(entry);
          seriesInfo.push({ name: sensor.name, unit: sensor.unit, source: s.source.name, kind: s.kind });
          summary.push({ sensor: sensor.id, source: s.source.name, kind: s.kind, points: s.points.length, count: s.count, reduced: s.reduced });
          points += s.points.length;
        });
      });
      yAxes.push({ type: "value", gridIndex: g, name: (group.title ? group.title + " " : "") + "(" + units.join(", ") + ")", nameTextStyle: { align: "left" }, scale: false });
    });

    var chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      aria: { enabled: true },
      legend: { type: "scroll", top: 0 },
      grid: grids, xAxis: xAxes, yAxis: yAxes, series: series,
      tooltip: { trigger: "axis", confine: true, formatter: tooltip },
      axisPointer: { link: [{ xAxisIndex: "all" }] },
      dataZoom: [{ type: "inside", xAxisIndex: xAxes.map(function (_, i) { return i; }) }]
    }, true);
    element.dataset.series = String(series.length);
    element.dataset.points = String(points);
    element.dataset.charts = String(groups.length);
    element.dataset.annotations = String(annotations.length);
    element.dataset.summary = JSON.stringify(summary);
    var reduced = summary.filter(function (s) { return s.reduced; }).length;
    say(series.length === 0
      ? "No data in this period."
      : series.length + " series in " + groups.length + " chart" + (groups.length === 1 ? "" : "s") + ", " + points + " points" +
        (reduced ? " (" + reduced + " series thinned to their peaks)" : "") + ".", "ready");
    return chart;
  }

  Promise.all([
    getJson(element.dataset.chartUrl + "?" + query),
    getJson(element.dataset.annotationsUrl + "?start=" + encodeURIComponent(element.dataset.start) + "&end=" + encodeURIComponent(element.dataset.end)).catch(function () { return []; })
  ]).then(function (answers) {
    var chart = draw(answers[0], answers[1]);
    addEventListener("resize", function () { chart.resize(); });
  }).catch(function (error) {
    say("The graph could not be loaded: " + error.message, "error");
  });
})();
