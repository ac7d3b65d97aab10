// nginx as the benchmarks' baseline: one worker (like our one Node process), no access log, every temp path in the
// run's own directory, and the server block `tweeling export tiles` writes, moved to a loopback port.
import fs from 'node:fs';
import path from 'node:path';

export function nginxConfig(exportedRoot: string, port: number, tmp: string): string {
  return `worker_processes 1;
daemon off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy; fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi; scgi_temp_path ${tmp}/scgi;
  ${fs.readFileSync(path.join(exportedRoot, 'nginx.conf'), 'utf8').replace(/listen \d+;/, `listen 127.0.0.1:${port};`)}
}
`;
}
