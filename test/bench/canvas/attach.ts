/**
 * In-page check (plain JavaScript, like measure.ts) that every edge starts and ends on a handle as
 * drawn: a node rebuilt after its first drawing carries handles computed instead of measured
 * (editor/src/canvas/handles.ts), so a CSS change that moves a handle must not go unnoticed.
 * `__cairnAttach([[edgeId, source, sourceHandle, target], …])` returns the largest distance found, in flow units, and the edge it was on.
 */
export const ATTACH_JS = String.raw`window.__cairnAttach = function (list) {
  var viewport = document.querySelector('.react-flow__viewport');
  var zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).m22;
  var origin = viewport.getBoundingClientRect();
  function handlePoint(nodeId, handleId, bottom) {
    var h = document.querySelector('.react-flow__node[data-id="' + nodeId + '"] .react-flow__handle[data-handleid="' + handleId + '"]');
    if (!h) return null;
    var r = h.getBoundingClientRect();
    return { x: (r.left + r.width / 2 - origin.left) / zoom, y: ((bottom ? r.bottom : r.top) - origin.top) / zoom };
  }
  var worst = { distance: 0, edge: '' , checked: 0 };
  for (var i = 0; i < list.length; i++) {
    var id = list[i][0];
    var path = document.querySelector('.react-flow__edge[data-id="' + id + '"] path.react-flow__edge-path');
    if (!path) return { distance: Infinity, edge: id, checked: worst.checked };
    var start = path.getPointAtLength(0), end = path.getPointAtLength(path.getTotalLength());
    var a = handlePoint(list[i][1], list[i][2], true);
    var b = handlePoint(list[i][3], 'in', false);
    if (!a || !b) return { distance: Infinity, edge: id, checked: worst.checked };
    var d = Math.max(Math.hypot(a.x - start.x, a.y - start.y), Math.hypot(b.x - end.x, b.y - end.y));
    worst.checked++;
    if (d > worst.distance) { worst.distance = d; worst.edge = id; }
  }
  return worst;
};`;
