/**
 * In-page measurements, injected as plain JavaScript (so no compiler helper can leak into the page):
 * `__cairnWatch(count)` records when `count` React Flow nodes are all drawn (performance.now(), ms
 * since navigation); `__cairnPan(frames, dx)` drags the pane one step per animation frame and
 * resolves with the requestAnimationFrame deltas and whether the viewport moved.
 */
export const MEASURE_JS = String.raw`
window.__cairnWatch = function (count) {
  function tick() {
    var els = document.querySelectorAll('.react-flow__node');
    var ready = els.length >= count;
    for (var i = 0; ready && i < els.length; i++) if (els[i].style.visibility === 'hidden') ready = false;
    if (ready) {
      // One more frame: the nodes have been painted.
      requestAnimationFrame(function () { window.__firstRender = performance.now(); });
      return;
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
};
window.__cairnPan = function (frames, dx) {
  var pane = document.querySelector('.react-flow__pane');
  var viewport = document.querySelector('.react-flow__viewport');
  var before = viewport.style.transform;
  var r = pane.getBoundingClientRect();
  var x = r.left + r.width * 0.75, y = r.top + r.height / 2;
  function mouse(type, target) {
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: 1, view: window }));
  }
  mouse('mousedown', pane);
  return new Promise(function (done) {
    var deltas = [], last = 0, n = 0, moved = false;
    function step(t) {
      if (last) deltas.push(t - last);
      if (viewport.style.transform !== before) moved = true;
      last = t;
      if (n++ >= frames) {
        mouse('mouseup', window);
        return done({ deltas: deltas, moved: moved });
      }
      x += (n % 120) < 60 ? -dx : dx; // back and forth, so the graph stays in view
      mouse('mousemove', window);
      requestAnimationFrame(step);
    }
    requestAnimationFrame(step);
  });
};
`;
