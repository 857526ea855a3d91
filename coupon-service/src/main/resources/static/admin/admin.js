// The admin pages' script: shows the form fields of the chosen discount kind, and follows a code
// generation's progress. Served from the service itself (the pages' content security policy allows
// no inline or foreign script).
(function () {
  'use strict';

  function showKindFields() {
    var kind = document.getElementById('kind');
    if (!kind) {
      return;
    }
    var update = function () {
      document.querySelectorAll('[data-kinds]').forEach(function (el) {
        el.hidden = el.getAttribute('data-kinds').split(' ').indexOf(kind.value) < 0;
      });
    };
    kind.addEventListener('change', update);
    update();
  }

  function followJob() {
    var job = document.getElementById('job');
    if (!job) {
      return;
    }
    var url = job.getAttribute('data-progress');
    var tick = function () {
      fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
        .then(function (r) { return r.json(); })
        .then(function (p) {
          document.getElementById('progress').value = p.percent;
          document.getElementById('stored').textContent = p.stored;
          document.getElementById('state').textContent = p.state;
          if (p.error) {
            var e = document.getElementById('job-error');
            e.textContent = p.error;
            e.hidden = false;
          }
          if (p.state === 'DONE' || p.state === 'FAILED') {
            job.setAttribute('data-finished', p.state);
          } else {
            window.setTimeout(tick, 300);
          }
        })
        .catch(function () { window.setTimeout(tick, 1000); });
    };
    tick();
  }

  document.addEventListener('DOMContentLoaded', function () {
    showKindFields();
    followJob();
  });
})();
