/**
 * The real engine: llama.cpp through node-llama-cpp's prebuilt binaries, on a GGUF file. One context holds
 * `parallel` sequences; node-llama-cpp batches the sequences that are generating into one decode per step
 * (continuous batching), so concurrent requests slow each other down the way they do on a real server.
 * The server's scheduler admits at most `parallel` requests; each takes a sequence and gives it back.
 *
 * The file is checked by our own GGUF reader first: a missing, truncated or foreign file gets a message
 * that says what is wrong, instead of whatever the native loader does with it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaContext, LlamaModel, Token } from 'node-llama-cpp';
import { GauntletError } from '../../errors.js';
import type { LlamaEngineOptions } from '../options.js';
import type { ChatMessage } from '../request.js';
import { type GgufMetaValue, inspectGguf } from './gguf/reader.js';
import { TextStream } from './text-stream.js';

/** What the engine loaded, for the startup line and /metrics. */
export interface EngineInfo {
  modelPath: string;
  /** `general.name` of the file, else its base name. */
  modelName: string;
  architecture: string;
  fileBytes: number;
  /** Model weights in memory, as llama.cpp counts them. */
  modelBytes: number;
  /** The context (KV cache and buffers) of all sequences. */
  contextBytes: number;
  loadMs: number;
  /** Growth of the process's resident memory while the model and context loaded. */
  rssDeltaBytes: number;
  parallel: number;
  threads: number;
  contextSize: number;
  trainContextSize: number;
  vocabSize: number;
  gpu: string;
  /** The chat format used for chat requests (from the file's template, else a general one). */
  chatFormat: string;
  /** `system_fingerprint` of the answers: the engine and a digest of the model file. */
  fingerprint: string;
}

/** Sampling and limits of one choice. */
export interface GenerationParams {
  maxTokens: number;
  temperature: number;
  topP: number;
  /** Sample among the k likeliest tokens; 0 turns it off; undefined keeps llama.cpp's default (40). */
  topK: number | undefined;
  /** llama.cpp's sampler seed, 0 to 2^32 - 2 (2^32 - 1 means "random" to llama.cpp). */
  seed: number;
  stop: readonly string[];
}

/** How a choice ended. */
export interface GenerationEnd {
  finishReason: 'stop' | 'length';
  completionTokens: number;
}

/** A prompt rendered and tokenized by the model's own tokenizer and chat template. */
export interface RenderedPrompt {
  tokens: Token[];
  /** Strings that end the answer by the chat format (e.g. ChatML's `<|im_end|>` when not a single token). */
  stops: string[];
}

/**
 * node-llama-cpp is an optional dependency (hundreds of MB of prebuilt binaries, and no binary on some
 * platforms): everything but this engine works without it, and its absence is said plainly here.
 */
async function importNodeLlamaCpp(): Promise<typeof import('node-llama-cpp')> {
  try {
    return await import('node-llama-cpp');
  } catch (err) {
    throw new GauntletError(
      'E_LLAMA_MISSING',
      `the llama engine needs node-llama-cpp, an optional dependency that is not installed here (${(err as Error).message.split('\n')[0]}). Install it with \`npm install node-llama-cpp\`; it ships prebuilt llama.cpp binaries for Linux, macOS and Windows on x64 and arm64.`,
      { exitCode: 2, cause: err },
    );
  }
}

/**
 * 10 hex digits of a SHA-256 over the file's size and first MiB (header, metadata and vocabulary): another
 * model, another fingerprint, without reading gigabytes of weights at every start.
 */
async function fileDigest(file: string, size: number): Promise<string> {
  const hash = createHash('sha256').update(String(size));
  for await (const chunk of createReadStream(file, { end: 2 ** 20 - 1 })) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 10);
}

const arrayLength = (v: GgufMetaValue | undefined) => (typeof v === 'object' ? v.length : 0);

export class LlamaEngine {
  private constructor(
    readonly info: EngineInfo,
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly chatWrapper: ChatWrapper,
  ) {}

  /** Loads the model and its context; throws a GauntletError (exit 2) on a file it cannot use. */
  static async load(opts: LlamaEngineOptions): Promise<LlamaEngine> {
    const modelPath = path.resolve(opts.model);
    const file = await inspectGguf(modelPath);
    const { getLlama, resolveChatWrapper, LlamaLogLevel } = await importNodeLlamaCpp();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    let llama: Llama;
    try {
      // Never build or download: the prebuilt binaries in node_modules, or a clear failure.
      llama = await getLlama({
        gpu: opts.gpu ? 'auto' : false,
        build: 'never',
        logLevel: LlamaLogLevel.error,
      });
    } catch (err) {
      throw new GauntletError(
        'E_LLAMA_BINARY',
        `the llama engine could not start llama.cpp: ${(err as Error).message}. node-llama-cpp's prebuilt binary for ${process.platform}-${process.arch} must be installed (npm install); nothing is built or downloaded at run time.`,
        { exitCode: 2, cause: err },
      );
    }
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath, gpuLayers: opts.gpu ? 'auto' : 0 });
    } catch (err) {
      await llama.dispose();
      throw new GauntletError(
        'E_LLAMA_MODEL',
        `llama.cpp could not load ${modelPath}: ${(err as Error).message}. The file is a valid GGUF (${file.tensors.length} tensors, architecture ${String(file.metadata['general.architecture'] ?? 'unknown')}); check that this llama.cpp build supports its architecture and tensor types (\`gauntlet model inspect ${opts.model}\`).`,
        { exitCode: 2, cause: err },
      );
    }
    let context: LlamaContext;
    try {
      context = await model.createContext({
        sequences: opts.parallel,
        // Per sequence: node-llama-cpp gives each of the `sequences` its own contextSize of KV cells.
        contextSize: opts.contextSize,
        threads: opts.threads,
      });
    } catch (err) {
      await model.dispose();
      await llama.dispose();
      throw new GauntletError(
        'E_LLAMA_CONTEXT',
        `llama.cpp could not make a context of ${opts.parallel} sequences x ${opts.contextSize} tokens for ${modelPath}: ${(err as Error).message}. Try a smaller --parallel or --ctx-size.`,
        { exitCode: 2, cause: err },
      );
    }
    const chatWrapper = resolveChatWrapper(model);
    const loadMs = performance.now() - started;
    const name = file.metadata['general.name'];
    const info: EngineInfo = {
      modelPath,
      modelName: typeof name === 'string' && name ? name : path.basename(modelPath, '.gguf'),
      architecture: String(file.metadata['general.architecture'] ?? 'unknown'),
      fileBytes: file.fileSize,
      modelBytes: model.size,
      contextBytes: context.memoryUsage.ram,
      loadMs,
      rssDeltaBytes: Math.max(0, process.memoryUsage().rss - rssBefore),
      parallel: opts.parallel,
      threads: opts.threads,
      contextSize: opts.contextSize,
      trainContextSize: model.trainContextSize,
      vocabSize: arrayLength(file.metadata['tokenizer.ggml.tokens']),
      gpu: llama.gpu === false ? 'cpu' : String(llama.gpu),
      chatFormat: chatWrapper.wrapperName,
      fingerprint: `fp_llama_${await fileDigest(modelPath, file.fileSize)}`,
    };
    return new LlamaEngine(info, llama, model, context, chatWrapper);
  }

  /** Renders chat messages with the model's chat format, or a completion prompt as is, into tokens. */
  render(input: { messages: ChatMessage[] } | { text: string }): RenderedPrompt {
    if ('text' in input) {
      const bos = this.model.tokens.shouldPrependBosToken ? this.model.tokens.bos : null;
      return { tokens: [...(bos === null ? [] : [bos]), ...this.model.tokenize(input.text)], stops: [] };
    }
    const history: ChatHistoryItem[] = input.messages.map((m) => {
      if (m.role === 'system' || m.role === 'developer') return { type: 'system', text: m.content };
      if (m.role === 'assistant') return { type: 'model', response: [m.content] };
      return { type: 'user', text: m.content };
    });
    history.push({ type: 'model', response: [] });
    const state = this.chatWrapper.generateContextState({ chatHistory: history });
    const stops: string[] = [];
    for (const trigger of state.stopGenerationTriggers) {
      const tokens = trigger.tokenize(this.model.tokenizer);
      // A trigger that is one end-of-generation token is caught as a token; text triggers are stop strings.
      if (tokens.length === 1 && this.model.isEogToken(tokens[0])) continue;
      const text = this.model.detokenize(tokens, true);
      if (text) stops.push(text);
    }
    return { tokens: state.contextText.tokenize(this.model.tokenizer), stops };
  }

  /**
   * Generates one choice on a sequence of its own, yielding text pieces as they become safe to send, and
   * returns how it ended. The caller holds a scheduler slot, so a sequence is free.
   */
  async *generate(
    prompt: RenderedPrompt,
    params: GenerationParams,
    signal: AbortSignal,
  ): AsyncGenerator<string, GenerationEnd> {
    const sequence = this.context.getSequence();
    const text = new TextStream([...params.stop, ...prompt.stops]);
    const out: Token[] = [];
    // An answer ends by length only when it reached max_tokens; an end-of-generation token is a stop.
    let finishReason: GenerationEnd['finishReason'] = 'stop';
    try {
      if (params.maxTokens <= 0) return { finishReason: 'length', completionTokens: 0 };
      const tokens = sequence.evaluate(prompt.tokens, {
        temperature: params.temperature,
        topP: params.topP,
        ...(params.topK !== undefined ? { topK: Math.max(0, params.topK) } : {}),
        // Without this the iterator ends silently at end of generation, indistinguishable from a break.
        yieldEogToken: true,
        ...(params.temperature > 0 ? { seed: params.seed } : {}),
      });
      for await (const token of tokens) {
        if (signal.aborted || this.model.isEogToken(token)) break;
        out.push(token);
        const step = text.update(this.model.detokenize(out));
        if (step.emit) yield step.emit;
        if (step.stopped) return { finishReason: 'stop', completionTokens: out.length };
        if (out.length >= params.maxTokens) {
          finishReason = 'length';
          break;
        }
      }
      // A client that went away (or a server closing) ends the request as an error, not as an answer.
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      const rest = text.finish(this.model.detokenize(out));
      if (rest) yield rest;
      return { finishReason, completionTokens: out.length };
    } finally {
      await sequence.dispose();
    }
  }

  /** Frees the context, the model and the native library. */
  async close(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}
