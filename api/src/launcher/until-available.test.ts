import { describe, expect, it } from 'vitest';
import { untilAvailable } from './until-available.js';

describe('untilAvailable', () => {
  it('retries a server that is still starting, then connects', async () => {
    let calls = 0;
    const connect = async () => {
      calls++;
      if (calls < 3) throw new Error("Failed to call GetSystemInfo: code: 'The service is currently unavailable', message: \"Frontend is not healthy yet\"");
      return 'connected';
    };
    expect(await untilAvailable(connect, { untilMs: Date.now() + 5_000, pauseMs: 5 })).toBe('connected');
    expect(calls).toBe(3);
  });

  it('retries a connection the starting server resets (seen under load)', async () => {
    let calls = 0;
    const connect = async () => {
      calls++;
      if (calls < 2) throw new Error("Failed to call GetSystemInfo: code: 'Unknown error', message: \"transport error\", source: tonic::transport::Error(Transport, hyper::Error(Io, Kind(ConnectionReset)))");
      return 'connected';
    };
    expect(await untilAvailable(connect, { untilMs: Date.now() + 5_000, pauseMs: 5 })).toBe('connected');
    expect(calls).toBe(2);
  });

  it('fails at once on any other error, and after the deadline on a server that never becomes healthy', async () => {
    let calls = 0;
    await expect(untilAvailable(async () => { calls++; throw new Error('bad TLS certificate'); }, { untilMs: Date.now() + 5_000, pauseMs: 5 })).rejects.toThrow(/bad TLS/);
    expect(calls).toBe(1);
    const started = Date.now();
    await expect(untilAvailable(async () => { throw new Error('Frontend is not healthy yet'); }, { untilMs: started + 100, pauseMs: 10 })).rejects.toThrow(/not healthy/);
  });
});
