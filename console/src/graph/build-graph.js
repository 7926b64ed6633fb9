// The diagram of a workflow as nodes and edges, from its definition and (optionally) one
// execution's tasks: forks and joins, switches with the branch taken, loops with their
// iterations, dynamic forks with the tasks they spawned, sub-workflows with their child, and the
// compensations a failed saga ran. Pure data: graph/diagram.jsx lays it out and draws it.

const FORKS = new Set(['FORK_JOIN', 'FORK']);
const SWITCHES = new Set(['SWITCH', 'DECISION']);
const LOOP = /^(.*)__(\d+)$/;
const COMPENSATION = '__compensation';

/** Task types that end a branch: nothing follows them. */
const ENDS_BRANCH = new Set(['TERMINATE']);

export const START = '__start';
export const END = '__end';

/**
 * @param {object} def a workflow definition ({tasks: [...]})
 * @param {object[]} [tasks] an execution's tasks (Conductor's Task objects)
 * @param {string} [workflowStatus] the execution's status, for the end node
 * @returns {{nodes: object[], edges: object[]}}
 */
export function buildGraph(def, tasks = [], workflowStatus = null) {
  const runs = indexRuns(tasks);
  const g = new GraphBuilder(runs);
  g.node({ id: START, kind: 'start', label: 'start', status: tasks.length ? 'COMPLETED' : null });
  const exits = g.sequence((def && def.tasks) || [], [{ id: START }]);
  g.node({ id: END, kind: 'end', label: 'end', status: terminal(workflowStatus) ? workflowStatus : null });
  g.connect(exits, END);
  g.compensations(tasks);
  g.strays(tasks);
  return { nodes: g.nodes, edges: g.edges };
}

/** The runs of each reference name (attempts and loop iterations), in execution order. */
export function indexRuns(tasks) {
  const byRef = new Map();
  for (const t of tasks || []) {
    const ref = t.referenceTaskName;
    if (!byRef.has(ref)) byRef.set(ref, []);
    byRef.get(ref).push(t);
  }
  for (const list of byRef.values()) list.sort((a, b) => (a.seq || 0) - (b.seq || 0));
  return byRef;
}

function terminal(status) {
  return ['COMPLETED', 'FAILED', 'TERMINATED', 'TIMED_OUT'].includes(status);
}

class GraphBuilder {
  constructor(runs) {
    this.runs = runs;
    this.nodes = [];
    this.edges = [];
    this.ids = new Set();
    this.loopBodies = new Map(); // base reference name -> its runs across iterations
    this.used = new Set(); // reference names of runs shown by some node
    for (const [ref, list] of runs) {
      const m = LOOP.exec(ref);
      if (m) {
        if (!this.loopBodies.has(m[1])) this.loopBodies.set(m[1], []);
        this.loopBodies.get(m[1]).push(...list);
      }
    }
  }

  node(data) {
    if (this.ids.has(data.id)) return data.id;
    this.ids.add(data.id);
    this.nodes.push(data);
    return data.id;
  }

  edge(source, target, extra = {}) {
    this.edges.push({ id: `${source}->${target}#${this.edges.length}`, source, target, ...extra });
  }

  connect(exits, target) {
    for (const e of exits) this.edge(e.id, target, e.label ? { label: e.label, state: e.state } : {});
  }

  sequence(list, preds) {
    let exits = preds;
    for (const wt of list) exits = this.task(wt, exits);
    return exits;
  }

  /** Adds one task of the definition after its predecessors; returns the exits that lead on. */
  task(wt, preds) {
    const ref = wt.taskReferenceName || wt.name;
    const type = wt.type || 'SIMPLE';
    const own = this.runs.get(ref) || [];
    const loopRuns = this.loopBodies.get(ref) || [];
    const all = own.length ? own : loopRuns;
    const latest = all[all.length - 1];
    this.used.add(ref);
    if (!own.length) for (const t of loopRuns) this.used.add(t.referenceTaskName);
    const data = {
      id: ref,
      kind: 'task',
      label: ref,
      name: wt.name,
      taskType: type,
      status: latest ? latest.status : null,
      attempts: own.length,
      iterations: own.length ? 0 : countIterations(loopRuns),
      taskId: latest ? latest.taskId : null,
      mode: wt.mode || null,
      optional: !!wt.optional,
    };
    if (type === 'SUB_WORKFLOW') {
      data.subWorkflowId = latest ? (latest.subWorkflowId || (latest.outputData || {}).subWorkflowId || null) : null;
      data.subWorkflowName = (wt.subWorkflowParam || {}).name || null;
    }
    if (type === 'DO_WHILE' && latest) data.iterations = latest.iteration || (latest.outputData || {}).iteration || 0;
    this.node(data);
    this.connect(preds, ref);
    if (wt.compensation) this.compensationOf(ref, wt.compensation);

    if (FORKS.has(type)) {
      const exits = [];
      for (const branch of wt.forkTasks || []) {
        exits.push(...(branch.length ? this.sequence(branch, [{ id: ref }]) : [{ id: ref }]));
      }
      return exits;
    }
    if (type === 'FORK_JOIN_DYNAMIC') return this.dynamicFork(ref, latest);
    if (SWITCHES.has(type)) return this.switchCases(wt, ref, latest);
    if (type === 'DO_WHILE') {
      const body = this.sequence(wt.loopOver || [], [{ id: ref }]);
      const end = this.node({ id: `${ref}__loop_end`, kind: 'loopEnd', label: '', status: data.status, loopOf: ref });
      this.connect(body, end);
      this.edge(end, ref, { kind: 'loop', label: data.iterations ? `× ${data.iterations}` : 'loop' });
      return [{ id: end }];
    }
    if (ENDS_BRANCH.has(type)) return [];
    return [{ id: ref }];
  }

  /** A dynamic fork's tasks are known only from its execution: the refs its JOIN waits on. */
  dynamicFork(ref, latest) {
    const spawned = latest ? forkedRefs(latest, this.runs) : [];
    if (!spawned.length) return [{ id: ref }];
    return spawned.map((child) => {
      const list = this.runs.get(child) || [];
      const t = list[list.length - 1];
      this.used.add(child);
      this.node({
        id: child, kind: 'task', label: child, name: t ? t.taskDefName : child, taskType: t ? t.taskType : 'SIMPLE',
        status: t ? t.status : null, attempts: list.length, taskId: t ? t.taskId : null, dynamic: true,
      });
      this.edge(ref, child);
      return { id: child };
    });
  }

  switchCases(wt, ref, latest) {
    const taken = latest ? takenCase(latest) : null;
    const cases = Object.entries(wt.decisionCases || {});
    const known = new Set(cases.map(([k]) => k));
    const branches = [...cases, ['default', wt.defaultCase || []]];
    const exits = [];
    for (const [value, branch] of branches) {
      const isTaken = taken === null ? null : (value === 'default' ? !known.has(taken) : value === taken);
      const state = isTaken === null ? undefined : (isTaken ? 'taken' : 'not-taken');
      if (branch.length) {
        exits.push(...this.sequence(branch, [{ id: ref, label: value, state }]));
      } else {
        exits.push({ id: ref, label: value, state });
      }
    }
    return exits;
  }

  /** A step's compensation, as the definition declares it (coloured when it ran). */
  compensationOf(ref, comp) {
    const id = ref + COMPENSATION;
    const list = this.runs.get(id) || [];
    const latest = list[list.length - 1];
    this.used.add(id);
    this.node({
      id, kind: 'compensation', label: id, name: comp.name, taskType: comp.type || 'SIMPLE',
      status: latest ? latest.status : null, attempts: list.length, taskId: latest ? latest.taskId : null,
      whenFailed: !!comp.whenFailed,
    });
    this.edge(ref, id, { kind: 'compensation', label: 'undo' });
  }

  /** Compensation tasks of a saga (ref__compensation) hang off the task they undo. */
  compensations(tasks) {
    for (const t of tasks) {
      const ref = t.referenceTaskName;
      if (!ref || !ref.endsWith(COMPENSATION) || this.used.has(ref)) continue;
      const of = ref.slice(0, -COMPENSATION.length);
      const list = this.runs.get(ref);
      const latest = list[list.length - 1];
      this.used.add(ref);
      this.node({
        id: ref, kind: 'compensation', label: ref, name: t.taskDefName, taskType: t.taskType,
        status: latest.status, attempts: list.length, taskId: latest.taskId,
      });
      if (this.ids.has(of)) this.edge(of, ref, { kind: 'compensation', label: 'undo' });
    }
  }

  /** Tasks of the execution that no node shows (a definition changed since): shown apart. */
  strays(tasks) {
    for (const t of tasks) {
      const ref = t.referenceTaskName;
      if (this.used.has(ref) || this.ids.has(ref)) continue;
      const list = this.runs.get(ref);
      const latest = list[list.length - 1];
      this.used.add(ref);
      this.node({
        id: ref, kind: 'task', label: ref, name: t.taskDefName, taskType: t.taskType, status: latest.status,
        attempts: list.length, taskId: latest.taskId, stray: true,
      });
    }
  }
}

function countIterations(loopRuns) {
  let max = 0;
  for (const t of loopRuns) max = Math.max(max, t.iteration || 0);
  return max;
}

/** The case a switch took: its output's evaluationResult (or selectedCase). */
export function takenCase(task) {
  const out = task.outputData || {};
  if (Array.isArray(out.evaluationResult) && out.evaluationResult.length) return String(out.evaluationResult[0]);
  if (out.selectedCase != null) return String(out.selectedCase);
  return null;
}

function forkedRefs(forkTask, runs) {
  const input = forkTask.inputData || {};
  if (Array.isArray(input.forkedTasks)) return input.forkedTasks.filter((r) => runs.has(r));
  // the JOIN scheduled after the dynamic fork names the tasks it spawned
  for (const list of runs.values()) {
    const t = list[list.length - 1];
    if (t.taskType === 'JOIN' && (t.seq || 0) > (forkTask.seq || 0) && Array.isArray((t.inputData || {}).joinOn)) {
      const refs = t.inputData.joinOn.filter((r) => runs.has(r));
      const firstSeq = Math.min(...refs.map((r) => runs.get(r)[0].seq || 0));
      if (refs.length && firstSeq > (forkTask.seq || 0)) return refs;
    }
  }
  return [];
}
