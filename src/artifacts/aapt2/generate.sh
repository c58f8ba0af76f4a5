#!/usr/bin/env bash
# Regenerates aapt2_pb.ts from aapt2.proto with protoc (Debian: apt-get install -y protobuf-compiler)
# and Buf's protoc-gen-es, the code generator of @bufbuild/protobuf (fetched by npx, same major).
set -euo pipefail
cd "$(dirname "$0")"
PLUGIN_DIR="$(mktemp -d)"
trap 'rm -rf "$PLUGIN_DIR"' EXIT
npm install --silent --prefix "$PLUGIN_DIR" @bufbuild/protoc-gen-es@2 >/dev/null
protoc --plugin=protoc-gen-es="$PLUGIN_DIR/node_modules/.bin/protoc-gen-es" \
  --es_out=. --es_opt=target=ts,import_extension=js aapt2.proto
