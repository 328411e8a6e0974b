import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../../contract/problem';
import { ThemeChild, ThemeInput, ThemeParams, ThemePatch, ThemeTree } from '../../contract/theme';
import { strictBodyCompiler } from '../../lib/validator-compiler';
import { requireRole } from '../auth/actor';
import { toThemeTree } from './theme.mapper';
import { readThemes } from './theme.repository';
import { createTheme, deleteTheme, themeNotFound, updateTheme } from './theme.writes';

const tags = ['themes'];
const writeProblems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The theme tree with entry counts; writes for admins only. */
export async function themeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictBodyCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  async function node(slug: string) {
    const tree = toThemeTree(await readThemes(app.db));
    const found =
      tree.find((t) => t.slug === slug) ?? tree.flatMap((t) => t.children).find((t) => t.slug === slug);
    if (!found) throw themeNotFound(slug);
    return found;
  }

  app.get(
    '/api/themes',
    {
      schema: {
        summary: 'The theme tree, with the number of published entries of each theme',
        description: "A parent's count includes its children's entries (each entry once).",
        tags,
        response: { 200: ThemeTree },
      },
    },
    async () => ({ themes: toThemeTree(await readThemes(app.db)) }),
  );

  app.post(
    '/api/themes',
    {
      schema: {
        summary: 'Create a theme (admins)',
        tags,
        security: [{ bearer: [] }],
        body: ThemeInput,
        response: { 201: ThemeChild, ...writeProblems },
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      await createTheme(app.db, request.body);
      reply.header('location', `/api/themes/${request.body.slug}`);
      return reply.code(201).send(await node(request.body.slug));
    },
  );

  app.patch(
    '/api/themes/:slug',
    {
      schema: {
        summary: 'Change a theme (admins)',
        tags,
        security: [{ bearer: [] }],
        params: ThemeParams,
        body: ThemePatch,
        response: { 200: ThemeChild, ...writeProblems },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      return node(await updateTheme(app.db, request.params.slug, request.body));
    },
  );

  app.delete(
    '/api/themes/:slug',
    {
      schema: {
        summary: 'Delete a theme nobody uses (admins)',
        tags,
        security: [{ bearer: [] }],
        params: ThemeParams,
        response: { 204: Type.Null(), ...writeProblems },
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      await deleteTheme(app.db, request.params.slug);
      return reply.code(204).send(null);
    },
  );
}
