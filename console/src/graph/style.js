// Colours of statuses, shared by the diagram, the timeline and the badges.
export const STATUS_COLORS = {
  COMPLETED: '#2e7d32',
  COMPLETED_WITH_ERRORS: '#ef6c00',
  FAILED: '#c62828',
  FAILED_WITH_TERMINAL_ERROR: '#c62828',
  TIMED_OUT: '#c62828',
  TERMINATED: '#ad1457',
  CANCELED: '#8d6e63',
  SKIPPED: '#9e9e9e',
  IN_PROGRESS: '#1565c0',
  SCHEDULED: '#5c8dd6',
  RUNNING: '#1565c0',
  PAUSED: '#f9a825',
};

export function statusColor(status) {
  return STATUS_COLORS[status] || '#ffffff';
}

/** Text colour readable on the status colour. */
export function statusTextColor(status) {
  return STATUS_COLORS[status] ? '#ffffff' : '#263238';
}
