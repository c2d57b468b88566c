// Browser tests (issue 6). Until the dashboard exists there is nothing to drive; say so plainly.
console.log('test:e2e: no browser tests yet (the dashboard is not built).');
