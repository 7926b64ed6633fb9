// The workflow diagram: the graph of build-graph.js laid out by dagre and drawn by Cytoscape.
// A change of statuses only (a live update) recolours the drawn nodes in place; a change of
// shape lays the diagram out again. Beside the canvas, a list of the nodes and their statuses
// (for screen readers, and for anyone who cannot tell the colours apart), made once drawn.
import { useEffect, useRef, useState } from 'preact/hooks';
import cytoscape from 'cytoscape';
import { LARGE, chainLinks, layout, sizeOf } from './layout.js';
import { buildGraph } from './build-graph.js';
import { DIAGRAM_STYLE, LABEL_ZOOM, LARGE_DIAGRAM_STYLE, LARGE_LABELLED_STYLE } from './diagram-style.js';

function text(n) {
  if (n.kind === 'start' || n.kind === 'end' || n.kind === 'loopEnd') return n.label;
  const details = [];
  if (n.name && n.name !== n.label) details.push(n.name);
  else if (n.taskType && n.taskType !== 'SIMPLE') details.push(n.taskType);
  if (n.attempts > 1) details.push(`${n.attempts} attempts`);
  if (n.iterations) details.push(`${n.iterations} iteration${n.iterations > 1 ? 's' : ''}`);
  if (n.mode === 'observe') details.push('observed');
  return details.length ? `${n.label}\n${details.join(' · ')}` : n.label;
}

function nodeData(n) {
  const size = sizeOf(n);
  const data = { ...n, text: text(n), w: size.width, h: size.height };
  if (!data.status) delete data.status;
  return data;
}

function edgeData(e) {
  const data = { ...e };
  if (!data.label) data.label = '';
  if (!data.state) delete data.state;
  return data;
}

const same = (a, b) => a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** Gives a drawn element the new data if any of it differs; {@code optional} is removed when absent. */
function update(ele, data, optional) {
  if (ele.empty()) return; // an edge not drawn yet (see draw)
  const old = ele.data();
  if (Object.keys(data).some((k) => !same(old[k], data[k]))) ele.data(data);
  if (!(optional in data) && optional in old) ele.removeData(optional);
}

function shapeKey(graph) {
  return graph.nodes.map((n) => n.id).join('\n') + '\n--\n' + graph.edges.map((e) => `${e.source}>${e.target}`).join('\n');
}

/**
 * A Cytoscape diagram of the graph in the container, its nodes at the given positions. A large
 * one is first drawn zoomed out without labels nor the edges inside chains (see chainLinks); both
 * come once zoomed in far enough, the edges with the data of the graph last given (latest()).
 */
function draw(container, graph, at, latest = () => graph) {
  const big = graph.nodes.length > LARGE;
  const deferred = chainLinks(graph);
  const cy = cytoscape({
    container,
    elements: [
      ...graph.nodes.map((n) => ({ group: 'nodes', data: nodeData(n), position: at.get(n.id) })),
      ...graph.edges.filter((e) => !deferred.has(e.id)).map((e) => ({ group: 'edges', data: edgeData(e) })),
    ],
    style: big ? LARGE_DIAGRAM_STYLE : DIAGRAM_STYLE,
    layout: { name: 'preset', fit: true, padding: 16 },
    minZoom: 0.02,
    maxZoom: 2.5,
    wheelSensitivity: 0.3,
    autoungrabify: true,
    boxSelectionEnabled: false,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
  });
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  if (big) { // labels once they can be read
    let labelled = false;
    const label = () => {
      if (!labelled && cy.zoom() >= LABEL_ZOOM) {
        labelled = true;
        cy.batch(() => {
          cy.add(latest().edges.filter((e) => deferred.has(e.id)).map((e) => ({ group: 'edges', data: edgeData(e) })));
          cy.style(LARGE_LABELLED_STYLE);
        });
      }
    };
    cy.on('zoom', label);
    label();
  }
  return cy;
}

/**
 * Draws a made-up large diagram once, out of sight, and throws it away: the browser compiles the
 * code of layout and drawing (most of a first large diagram's time) before anyone opens one.
 * Call when the browser is idle.
 */
export function warmUp() {
  const branches = [];
  for (let b = 0; b < 8; b++) {
    branches.push(Array.from({ length: 40 }, (_, i) => ({ name: `b${b}_${i}`, taskReferenceName: `b${b}_${i}`, type: 'NOOP' })));
  }
  const def = { tasks: [{ name: 'fork', taskReferenceName: 'fork', type: 'FORK_JOIN', forkTasks: branches },
    { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: branches.map((br) => br[br.length - 1].taskReferenceName) }] };
  const statuses = ['COMPLETED', 'FAILED', 'IN_PROGRESS', 'SCHEDULED'];
  const tasks = [def.tasks[0], ...branches.flat(), def.tasks[1]].map((t, i) => ({
    referenceTaskName: t.taskReferenceName, taskDefName: t.name, taskType: t.type, seq: i + 1,
    status: statuses[i % statuses.length], taskId: `warm-${i}`,
  }));
  const graph = buildGraph(def, tasks, 'RUNNING');
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position:fixed;left:-5000px;top:0;width:600px;height:400px;visibility:hidden;pointer-events:none';
  document.body.appendChild(box);
  const cy = draw(box, graph, layout(graph));
  return new Promise((resolve) => {
    cy.one('render', () => {
      setTimeout(() => { cy.destroy(); box.remove(); resolve(); }, 0);
    });
    cy.forceRender();
  });
}

/**
 * @param {{graph: {nodes, edges}, selected?: string, onSelect?: (node) => void, onRendered?: () => void, height?: string}} props
 */
export function Diagram({ graph, selected, onSelect, onRendered, height = '520px' }) {
  const box = useRef(null);
  const cyRef = useRef(null);
  const keyRef = useRef(null);
  const [drawn, setDrawn] = useState(false); // the list beside the canvas comes after the first drawing
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    if (!graph) return;
    const key = shapeKey(graph);
    const cy = cyRef.current;
    if (cy && keyRef.current === key) {
      cy.batch(() => { // only what changed: restyling every element of a large diagram is costly
        for (const n of graph.nodes) update(cy.getElementById(n.id), nodeData(n), 'status');
        for (const e of graph.edges) update(cy.getElementById(e.id), edgeData(e), 'state');
      });
      onRendered && onRendered();
      return;
    }
    if (cy) cy.destroy();
    const t0 = performance.now();
    const at = layout(graph);
    const t1 = performance.now();
    const next = draw(box.current, graph, at, () => graphRef.current);
    next.on('tap', 'node', (evt) => {
      const d = evt.target.data();
      if (d.kind === 'task' || d.kind === 'compensation') selectRef.current && selectRef.current(d);
    });
    cyRef.current = next;
    box.current.cy = next; // for the browser tests: what is drawn
    keyRef.current = key;
    const t2 = performance.now();
    next.one('render', () => {
      const t3 = performance.now();
      // where a drawing's time goes (ConsoleIT prints it): layout, building the Cytoscape graph, its first paint
      onRendered && onRendered({ layout: Math.round(t1 - t0), cytoscape: Math.round(t2 - t1), paint: Math.round(t3 - t2) });
      setDrawn(true);
    });
    next.forceRender();
  }, [graph]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes(':selected').unselect();
    if (selected) cy.getElementById(selected).select();
  }, [selected, graph]);

  useEffect(() => () => {
    if (cyRef.current) cyRef.current.destroy();
    cyRef.current = null;
  }, []);

  const nodes = graph ? graph.nodes.filter((n) => n.kind === 'task' || n.kind === 'compensation') : [];
  return (
    <div class="diagram-wrap">
      <div class="diagram" ref={box} style={{ height }} role="img"
           aria-label={`workflow diagram of ${nodes.length} tasks`} data-nodes={nodes.length} />
      <ul class="visually-hidden diagram-nodes" aria-label="tasks in the diagram">
        {drawn && nodes.map((n) => (
          <li key={n.id} data-ref={n.id} data-status={n.status || 'NOT_RUN'} data-kind={n.kind}
              data-mode={n.mode || 'command'}>
            {n.label}: {n.status || 'not run'}{n.mode === 'observe' ? ' (observed)' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
