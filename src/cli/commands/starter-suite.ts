/** The suite `gauntlet init` writes: every line a newcomer may want to change, commented. */
export const STARTER_SUITE = `# Gauntlet suite. Run it with: gauntlet run   (docs: README.md)
name: my-model

# What is under test: any OpenAI-compatible endpoint (vLLM, TGI, Ollama, llama.cpp server, a gateway).
target:
  type: openai
  baseUrl: http://127.0.0.1:{port}/v1       # {port} is filled in when Gauntlet launches the server
  model: gauntlet-sim
  # apiKey: \${env:OPENAI_API_KEY}           # read from the environment; never written to a report
  # headers: { X-Team: ml-platform }
  timeouts: { connect: 10s, firstByte: 60s, idle: 30s, total: 5m }
  retry: { maxRetries: 2 }                  # honours Retry-After; load stages turn retries off
  # Start the server for the run, wait until it answers, and measure its startup, memory and CPU.
  # Delete this block to test a server that is already running (and write its real port above).
  launch:
    command: gauntlet serve --port {port}
    ready: { timeout: 30s }                 # polls <baseUrl origin>/health

stages:
  - kind: smoke
    priority: P0                            # P0 (most important) .. P4; run a subset with --priority P0
    tags: [fast]
    timeout: 2m
    # Leave \`checks\` out to run them all, or list the ones you want (with options):
    checks:
      models: {}
      basic:
        prompts: ["What is the capital of France?", "Say hello in French."]
      streaming: {}
      batch: { size: 8 }
      max_tokens: { limits: [1, 16] }
      determinism: { repeats: 5 }
      long_prompt: {}                       # near the context length: an answer or a clean 4xx

# k6-style thresholds on the run's metrics; any failing gate fails the run (exit 1).
gates:
  checks: ['rate==1']                       # every check passes
  launch.startup_ms: ['value<30000']        # the server starts in under 30 s
  launch.rss_peak_mb: ['value<4096']        # and stays under 4 GiB

report:
  reporters: [console, json, junit, markdown]   # files go to the run directory under .gauntlet/runs/
`;
