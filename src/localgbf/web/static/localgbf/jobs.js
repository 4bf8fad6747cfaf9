// Progressive enhancement: refresh a job's status until it is done. Without JS the page
// still shows the status at load time.
(function () {
  var box = document.getElementById("job");
  if (!box || box.dataset.done === "1") return;
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("job-status").textContent = s.status_label;
        document.getElementById("job-bar").style.width = s.progress + "%";
        document.getElementById("job-percent").textContent = s.progress + "%";
        document.getElementById("job-message").textContent = s.message;
        var bar = document.querySelector("#job .progress");
        if (bar) bar.setAttribute("aria-valuenow", s.progress);
        if (s.status === "failed") {
          var err = document.getElementById("job-error");
          err.textContent = s.error; err.hidden = false;
        }
        if (s.status === "succeeded" || s.status === "failed") { window.location.reload(); return; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
