// The workflow diagram: the graph of build-graph.js laid out by dagre and drawn by Cytoscape.
// A change of statuses only (a live update) recolours the drawn nodes in place; a change of
// shape lays the diagram out again. Beside the canvas, a list of the nodes and their statuses
// (for screen readers, and for anyone who cannot tell the colours apart).
import { useEffect, useRef } from 'preact/hooks';
import cytoscape from 'cytoscape';
import { LARGE, layout, sizeOf } from './layout.js';
import { DIAGRAM_STYLE, LARGE_DIAGRAM_STYLE } from './diagram-style.js';

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

function shapeKey(graph) {
  return graph.nodes.map((n) => n.id).join('\n') + '\n--\n' + graph.edges.map((e) => `${e.source}>${e.target}`).join('\n');
}

/**
 * @param {{graph: {nodes, edges}, selected?: string, onSelect?: (node) => void, onRendered?: () => void, height?: string}} props
 */
export function Diagram({ graph, selected, onSelect, onRendered, height = '520px' }) {
  const box = useRef(null);
  const cyRef = useRef(null);
  const keyRef = useRef(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    if (!graph) return;
    const key = shapeKey(graph);
    const cy = cyRef.current;
    if (cy && keyRef.current === key) {
      cy.batch(() => {
        for (const n of graph.nodes) cy.getElementById(n.id).data(nodeData(n));
        for (const e of graph.edges) cy.getElementById(e.id).data(edgeData(e));
        for (const n of graph.nodes) if (!n.status) cy.getElementById(n.id).removeData('status');
        for (const e of graph.edges) if (!e.state) cy.getElementById(e.id).removeData('state');
      });
      onRendered && onRendered();
      return;
    }
    if (cy) cy.destroy();
    const at = layout(graph);
    const big = graph.nodes.length > LARGE;
    const next = cytoscape({
      container: box.current,
      elements: [
        ...graph.nodes.map((n) => ({ group: 'nodes', data: nodeData(n), position: at.get(n.id) })),
        ...graph.edges.map((e) => ({ group: 'edges', data: edgeData(e) })),
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
    if (next.zoom() > 1.2) {
      next.zoom(1.2);
      next.center();
    }
    next.on('tap', 'node', (evt) => {
      const d = evt.target.data();
      if (d.kind === 'task' || d.kind === 'compensation') selectRef.current && selectRef.current(d);
    });
    cyRef.current = next;
    box.current.cy = next; // for the browser tests: what is drawn
    keyRef.current = key;
    next.one('render', () => onRendered && onRendered());
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
        {nodes.map((n) => (
          <li key={n.id} data-ref={n.id} data-status={n.status || 'NOT_RUN'} data-kind={n.kind}
              data-mode={n.mode || 'command'}>
            {n.label}: {n.status || 'not run'}{n.mode === 'observe' ? ' (observed)' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
