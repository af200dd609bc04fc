#!/usr/bin/env bash
# Inference servers (issue 4): throughput of one edge node and of the cloud service, measured side by side in
# one run with native load generators, so that the client's own cost stays small on a shared machine:
#   - wrk (HTTP/1.1): a do-nothing endpoint (GET /v2/health/live) as the floor, and OIP v2 HTTP/JSON infer;
#   - h2load (HTTP/2 prior knowledge): OIP v2 gRPC ModelInfer with raw_input_contents.
# Edge: batch 1, 32 connections (gRPC: 4 connections x 8 streams). Cloud: 64 clients, dynamic batching on,
# then off (one intra-op thread per execution in both, so the comparison is batching alone).
# Prints each figure and the ratios the issue asks for.
# Usage: bench/serving.sh [seconds-per-measurement]   (needs: apt-get install -y wrk nghttp2-client)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
for tool in wrk h2load python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: apt-get install -y wrk nghttp2-client python3 curl" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building (Release)"
for project in Store EdgeInference CloudInference; do dotnet build "src/$project" -c Release -v q -nologo >/dev/null; done

root=$(pwd)
export ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning
GARNET_PORT=7380 dotnet src/Store/bin/Release/net10.0/Store.dll >"$work/store.log" 2>&1 & pids+=($!)
store=ConnectionStrings__store=127.0.0.1:7380

start() { # project http-port grpc-port extra-env... -> pid in $started
  local project=$1 http=$2 grpc=$3; shift 3
  env $store ModelRepository__Path="$root/models" Kestrel__Endpoints__http__Url=http://127.0.0.1:$http \
    Kestrel__Endpoints__grpc__Url=http://127.0.0.1:$grpc "$@" \
    dotnet exec "src/$project/bin/Release/net10.0/$project.dll" --contentRoot "$root/src/$project/bin/Release/net10.0" \
    >"$work/$project-$http.log" 2>&1 &
  started=$!; pids+=("$started")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$http/v2/health/ready" >/dev/null && return; sleep 0.5; done
  echo "not ready: $project" >&2; tail -n 30 "$work/$project-$http.log" >&2; exit 1
}

# The first test image as OIP JSON, and as a gRPC ModelInferRequest frame (protobuf written by hand: the
# fields of grpc_predict_v2.proto) for each model.
python3 - "$work" <<'PY'
import gzip, json, struct, sys
work = sys.argv[1]
pixels = gzip.open('data/fashion-mnist/t10k-images-idx3-ubyte.gz').read()[16:16 + 784]
json.dump({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32", "data": [p / 255 for p in pixels]}]},
          open(f"{work}/image.json", "w"))
def varint(n):
    out = b''
    while True:
        low, n = n & 0x7f, n >> 7
        if not n: return out + bytes([low])
        out += bytes([low | 0x80])
def field(number, payload): return varint((number << 3) | 2) + varint(len(payload)) + payload
for model in ("fashion-edge", "fashion-cloud"):
    tensor = field(1, b"input") + field(2, b"FP32") + field(3, varint(1) + varint(784))
    raw = b''.join(struct.pack('<f', p / 255) for p in pixels)
    message = field(1, model.encode()) + field(5, tensor) + field(7, raw)
    open(f"{work}/{model}.grpc", "wb").write(b'\x00' + struct.pack('>I', len(message)) + message)
PY
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/image.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

http() { # name connections url [lua] -> "name rps p99ms non2xx"
  local name=$1 connections=$2 url=$3 script=${4:-}
  wrk -t1 -c"$connections" -d2s ${script:+-s "$script"} "$url" >/dev/null   # warm-up
  wrk -t1 -c"$connections" -d"${seconds}s" --latency ${script:+-s "$script"} "$url" >"$work/$name.txt"
  awk -v n="$name" '/Requests\/sec/{r=$2} / 99% /{p=$2; if (p ~ /us$/) p=p/1000; else if (p ~ /ms$/) p=p+0; else p=p*1000}
                    /Non-2xx/{e=$NF} END{printf "%s %.0f %.2f %d\n", n, r, p, e}' "$work/$name.txt"
}
grpc() { # name connections streams url body -> "name rps meanms errors"
  local name=$1 connections=$2 streams=$3 url=$4 body=$5
  local args=(-c "$connections" -m "$streams" -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' "$url/inference.GRPCInferenceService/ModelInfer")
  h2load -D 2 "${args[@]}" >/dev/null 2>&1
  h2load -D "$seconds" "${args[@]}" >"$work/$name.txt" 2>&1
  # h2load reports no percentiles: its mean request time is printed instead (marked in the output).
  awk -v n="$name" '/^finished in/{gsub(",", ""); r=$4} /^requests:/{gsub(",", ""); e=$12+$14} /^time for request:/{m=$6; if (m ~ /us$/) m=m/1000; else if (m ~ /ms$/) m=m+0; else m=m*1000}
                    END{printf "%s %.0f %.2f %d\n", n, r, m, e}' "$work/$name.txt"
}
# grpc-status is in the trailers, which h2load does not check: one call with curl proves the body is a valid request.
check_grpc() {
  curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' --data-binary @"$2" -D - -o /dev/null \
    "$1/inference.GRPCInferenceService/ModelInfer" | tr -d '\r' | grep -q '^grpc-status: 0$' || { echo "gRPC request refused at $1" >&2; exit 1; }
}

echo "== edge: batch 1, ${seconds}s per measurement"
start EdgeInference 7381 7382 Edge__DeviceId=edge-bench Edge__Site=site-1 Edge__Device__CapacityImagesPerSecond=10000000
check_grpc http://127.0.0.1:7382 "$work/fashion-edge.grpc"
floor=$(http floor 32 http://127.0.0.1:7381/v2/health/live)
json=$(http edge-json 32 http://127.0.0.1:7381/v2/models/fashion-edge/infer "$work/post.lua")
raw=$(grpc edge-grpc 4 8 http://127.0.0.1:7382 "$work/fashion-edge.grpc")
kill "$started"

echo "== cloud: 64 clients, dynamic batching on, then off (1 intra-op thread)"
start CloudInference 7383 7384 Serving__Defaults__DynamicBatching=true Serving__Defaults__IntraOpThreads=1
check_grpc http://127.0.0.1:7384 "$work/fashion-cloud.grpc"
cloud_on_json=$(http cloud-batched-json 64 http://127.0.0.1:7383/v2/models/fashion-cloud/infer "$work/post.lua")
cloud_on_grpc=$(grpc cloud-batched-grpc 4 16 http://127.0.0.1:7384 "$work/fashion-cloud.grpc")
kill "$started"
start CloudInference 7385 7386 Serving__Defaults__DynamicBatching=false Serving__Defaults__IntraOpThreads=1
cloud_off_json=$(http cloud-unbatched-json 64 http://127.0.0.1:7385/v2/models/fashion-cloud/infer "$work/post.lua")
cloud_off_grpc=$(grpc cloud-unbatched-grpc 4 16 http://127.0.0.1:7386 "$work/fashion-cloud.grpc")

printf "%-22s %10s %12s %8s\n" measurement "req/s" "p99 ms" errors
for line in "$floor" "$json" "$raw" "$cloud_on_json" "$cloud_on_grpc" "$cloud_off_json" "$cloud_off_grpc"; do
  read -r n r p e <<<"$line"; case $n in *grpc) p="$p(mean)";; esac
  printf "%-22s %10s %12s %8s\n" "$n" "$r" "$p" "$e"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
read -r _ f _ _ <<<"$floor"; read -r _ j _ _ <<<"$json"; read -r _ g _ _ <<<"$raw"
read -r _ onj _ _ <<<"$cloud_on_json"; read -r _ ong _ _ <<<"$cloud_on_grpc"
read -r _ offj _ _ <<<"$cloud_off_json"; read -r _ offg _ _ <<<"$cloud_off_grpc"
echo "edge HTTP/JSON / do-nothing floor:      $(ratio "$j" "$f")  (goal >= 0.5)"
echo "edge gRPC raw / HTTP/JSON:              $(ratio "$g" "$j")  (goal >= 2)"
echo "cloud batching on / off, HTTP/JSON:     $(ratio "$onj" "$offj")  (goal >= 2)"
echo "cloud batching on / off, gRPC raw:      $(ratio "$ong" "$offg")  (goal >= 2)"
