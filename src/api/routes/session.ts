import type { FastifyPluginAsync } from 'fastify';
import { decide } from '../../access/policy.js';
import { ACTIONS, type Action, ROLE_ZH } from '../../domain/people.js';

export const sessionRoutes: FastifyPluginAsync = async (app) => {
  // What the web app needs to sign someone in and show only what they may use: who they are, their scope, and
  // which actions their role allows inside it (the same policy every request is judged by).
  app.get('/me', { schema: { tags: ['session'], summary: '当前令牌的使用人、角色、范围和可用操作' } }, async (req) => {
    const p = req.principal;
    const may = Object.fromEntries(ACTIONS.map((a) => [a, decide(p, { ancestry: p.scope ? [p.scope] : null }, a) === 'allow'])) as Record<Action, boolean>;
    return { name: p.name, role: p.role, role_label: ROLE_ZH[p.role], scope: p.scope, unit: p.scope ? await app.services.units.get(p.scope, p) : null, may };
  });
};
