// Vite's ambient types (CSS and JSON imports) for the client; the root tsconfig only loads Node's types.
/// <reference types="vite/client" />
