/* The memorial's statistics as bar charts (Chart.js), one per table. Each table beside its
 * chart holds the same figures, for readers without JavaScript or a screen. */
(function () {
  "use strict";

  var dataElement = document.getElementById("memorial-charts");
  if (!dataElement || !window.Chart) {
    return;
  }
  var charts = JSON.parse(dataElement.textContent);
  var rightToLeft = document.documentElement.dir === "rtl";
  charts.forEach(function (chart) {
    var canvas = document.getElementById("chart-" + chart.name);
    if (!canvas || !chart.labels.length) {
      return;
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [{ label: chart.title, data: chart.counts, backgroundColor: "#5b6b7f" }]
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        locale: document.documentElement.lang || "en",
        scales: {
          x: { reverse: rightToLeft, beginAtZero: true },
          y: { position: rightToLeft ? "right" : "left", ticks: { autoSkip: false } }
        },
        plugins: { legend: { display: false } }
      }
    });
    canvas.classList.add("is-ready");
  });
})();
