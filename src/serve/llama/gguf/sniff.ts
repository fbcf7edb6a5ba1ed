/** Names what a file that is not GGUF most likely is, so the error can say what to do about it. */

/** The first bytes as hex, e.g. `7f 45 4c 46`. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The first bytes as a quoted string with non-printable bytes escaped, e.g. `"\x7fELF"`. */
export function quotedBytes(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) text += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `"${text}"`;
}

const startsWith = (head: Uint8Array, text: string) =>
  head.length >= text.length && Array.from(text).every((c, i) => head[i] === c.charCodeAt(0));

/** A hint about what `head` (the first bytes of a file) is, or '' when it is nothing recognisable. */
export function sniffFormat(head: Uint8Array): string {
  const ascii = Buffer.from(head).toString('latin1');
  if (startsWith(head, '\x7fELF'))
    return 'It looks like a program (an ELF executable or library), not model weights.';
  if (startsWith(head, 'MZ')) return 'It looks like a Windows program, not model weights.';
  if (startsWith(head, 'version https://git-lfs')) {
    return 'It is a Git LFS pointer, not the weights: fetch them with `git lfs pull` or download the file itself.';
  }
  if (/^\s*<(!doctype|html|\?xml)/i.test(ascii)) {
    return 'It is an HTML page: the download probably saved an error or login page instead of the model.';
  }
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) {
    return 'It looks like a safetensors file (an 8-byte header length, then JSON).';
  }
  if (/^\s*[{[]/.test(ascii))
    return 'It looks like JSON text (a config file, or an error the server sent back?).';
  if (startsWith(head, 'PK\x03\x04')) return 'It is a zip archive; PyTorch .bin/.pt checkpoints are zips.';
  if (head[0] === 0x80 && head.length > 1 && (head[1] as number) <= 5)
    return 'It looks like a Python pickle (an old PyTorch checkpoint).';
  for (const old of ['lmgg', 'fmgg', 'tjgg', 'algg']) {
    if (startsWith(head, old)) {
      return 'It is a pre-GGUF GGML file, which llama.cpp no longer loads: convert the original weights again.';
    }
  }
  return '';
}
