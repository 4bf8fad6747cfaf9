/* "Try it" on the API documentation page: send a GET from the page and show the answer.
   Without JavaScript the form still works for addresses without path parameters: the browser
   opens the JSON answer itself. */
(function () {
  "use strict";
  var tokenInput = document.getElementById("try-token");
  document.querySelectorAll("form.api-try").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var path = form.dataset.path;
      var query = new URLSearchParams();
      form.querySelectorAll("[data-in]").forEach(function (field) {
        if (!field.value) { return; }
        if (field.dataset.in === "path") {
          path = path.replace("{" + field.name + "}", encodeURIComponent(field.value));
        } else {
          query.append(field.name, field.value);
        }
      });
      var url = path + (query.toString() ? "?" + query.toString() : "");
      var answer = form.querySelector(".api-answer");
      var headers = { "Accept": "application/json" };
      if (tokenInput && tokenInput.value) { headers["Authorization"] = "Bearer " + tokenInput.value; }
      answer.textContent = "…";
      fetch(url, { headers: headers, credentials: "omit" }).then(function (response) {
        return response.text().then(function (body) {
          var shown = body;
          try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* not JSON */ }
          answer.innerHTML = "";
          var status = document.createElement("p");
          status.className = "api-status-line";
          status.textContent = "GET " + url + " → " + response.status;
          var pre = document.createElement("pre");
          pre.tabIndex = 0;
          pre.textContent = shown;
          answer.appendChild(status);
          answer.appendChild(pre);
        });
      }).catch(function (error) { answer.textContent = String(error); });
    });
  });
})();
