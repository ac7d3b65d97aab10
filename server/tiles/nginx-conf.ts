// Example nginx configuration for a tileset exported by exportTiles. Pure text; the export writes it next to
// the tiles. Mirrors what our own handler does: gzip_static for precompressed .gz siblings, strong caching
// for content, revalidation for tileset.json, CORS for viewers on other origins, and nothing but tiles served.
export function nginxConf(options: { root: string; listen?: string }): string {
  const listen = options.listen ?? '8080';
  return `# Example nginx server for a Tweeling 3D Tiles export (include in the http {} block).
# Serves /tiles/<tileset>/... from ${options.root}. Requires ngx_http_gzip_static_module (in Debian's nginx).
server {
    listen ${listen};
    server_name _;
    root ${options.root};

    types {
        application/json json;
        model/gltf-binary glb;
        application/octet-stream subtree;
    }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=10000 inactive=60s;
    etag on;
    gzip_static on;
    gzip_vary on;

    location ~ ^/tiles/[a-z0-9-]+/.+\\.(glb|subtree)$ {
        add_header Cache-Control "public, max-age=3600, no-transform" always;
        add_header Access-Control-Allow-Origin "*" always;
        add_header X-Content-Type-Options "nosniff" always;
    }
    location ~ ^/tiles/[a-z0-9-]+/.+\\.json$ {
        add_header Cache-Control "public, max-age=60, must-revalidate, no-transform" always;
        add_header Access-Control-Allow-Origin "*" always;
        add_header X-Content-Type-Options "nosniff" always;
    }
    location / {
        return 404;
    }
}
`;
}
