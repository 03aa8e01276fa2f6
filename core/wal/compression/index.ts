/** Compression of rotated WAL segments: names, whole-segment and streaming codecs. */
export {
  COMPRESSIONS,
  compressionExtension,
  compressionFromExtension,
  isCompression,
  parseCompression,
  printCompression,
  type Compression,
  type CompressionAlgorithm,
  type CompressionParse,
} from './compression.js';
export { compressBytes, compressFile, createCompressStream, type CompressFileOptions, type CompressFileResult } from './compress.js';
export {
  decompressBytes, decompressFile, decompressPieces, decompressToBuffer,
  type DecompressFailure, type DecompressOptions, type DecompressResult, type StreamedDecompression,
} from './decompress.js';
export { createDecompressStream } from './decompress-stream.js';
export { fsyncDir, writeAll, writeFileNoClobber } from '../../fs/atomic-file.js';
export { decodeLz4Frames, decodeLz4Stream } from './lz4-frame.js';
export { xxh32 } from './xxhash32.js';
