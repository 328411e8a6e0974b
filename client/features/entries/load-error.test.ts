import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_PROBLEMS } from '../../lib/api';
import { describeLoadError } from './load-error';

describe('describeLoadError', () => {
  it('says the server is not answering when the route is missing or the gateway is empty', () => {
    const error = new ApiError({ type: '/problems/not-found', title: 'Not Found', status: 404 });
    expect(describeLoadError(error)).toBe(
      'Les lieux ne peuvent pas être chargés : le serveur de l’atlas ne répond pas (erreur 404).',
    );
  });

  it('asks to check the connection when no answer came back', () => {
    const error = new ApiError({ type: CLIENT_PROBLEMS.network, title: 'Network error', status: 0 });
    expect(describeLoadError(error)).toContain('vérifiez la connexion');
  });

  it('shows the problem detail otherwise', () => {
    const error = new ApiError({
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'bad bbox',
    });
    expect(describeLoadError(error)).toBe('Les lieux ne peuvent pas être chargés : bad bbox');
  });

  it('never throws on something that is not an ApiError', () => {
    expect(describeLoadError(new TypeError('boom'))).toContain('réponse inattendue');
  });
});
