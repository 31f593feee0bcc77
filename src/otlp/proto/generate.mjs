// Regenerates otlpTrace.json, the protobufjs descriptor of the official OTLP trace protos
// (open-telemetry/opentelemetry-proto). The receiver loads the descriptor with protobufjs/light,
// so no .proto parsing happens at runtime.
//   node src/otlp/proto/generate.mjs <path to an opentelemetry-proto checkout> <tag>
import protobuf from 'protobufjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const [protoRoot, tag] = process.argv.slice(2);
if (!protoRoot || !tag) {
  console.error('usage: node src/otlp/proto/generate.mjs <opentelemetry-proto checkout> <tag>');
  process.exit(2);
}
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(protoRoot, target);
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
root.resolveAll();
const out = new URL('./otlpTrace.json', import.meta.url);
writeFileSync(out, JSON.stringify({ source: `open-telemetry/opentelemetry-proto ${tag}`, ...root.toJSON() }) + '\n');
console.log(`wrote ${out.pathname}`);
