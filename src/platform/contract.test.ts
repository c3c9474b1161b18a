import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../test/helpers.ts';
import { publicConfig } from './contract.ts';

describe('the platform contract', () => {
  it('answers GET /api/config/public, before sign-in, in the shape the web reads', async () => {
    const { app } = await setupTestApp({ mapTileUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
    const response = await app.inject({ method: 'GET', url: '/api/config/public' });
    expect(response.statusCode).toBe(200);
    const body = publicConfig.parse(response.json());
    expect(body.mapTileUrl).toBe('https://tiles.example/{z}/{x}/{y}.png');
    expect(['pglite', 'postgres']).toContain(body.engine);
  });

  it('names each invalid field of a request in details.fields', async () => {
    const { app } = await setupTestApp();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { error: { details: { fields: { field: string; message: string }[] } } }).error.details.fields;
    expect(fields.map((f) => f.field)).toContain('body.username');
    expect(fields.every((f) => typeof f.message === 'string' && f.message.length > 0)).toBe(true);
  });
});
