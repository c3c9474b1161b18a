// Preloaded into a server by a bench (`--import ./bench/cpu-profile.mjs`, GONGZHI_CPU_PROFILE=<dir>):
// records the process's CPU profile and writes it as a .cpuprofile when the process exits
// (node refuses --cpu-prof in NODE_OPTIONS, which is how a bench passes flags to a child).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.GONGZHI_CPU_PROFILE;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  let written = false;
  // A session on the main thread answers synchronously, so the profile is written before exit.
  // On SIGTERM already: a server's shutdown may outlast the bench's patience.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.once('SIGTERM', write);
  process.on('exit', write);
}
