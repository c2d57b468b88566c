console.log('bench:client: not written yet');
