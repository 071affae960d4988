// Routes live in the URL fragment (/#/units/…): the server serves only `/` and `/assets/*`, so no page path can
// shadow an API path, and a reload on any page works. Pages load on demand; the sign-in page is the first route.
import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router';
import { api, ApiError } from './api.js';
import { type Action, type Me, session, signOut } from './session.js';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** The action the role must have somewhere in its scope; the page is hidden otherwise. */
    needs?: Action;
    open?: boolean;
  }
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: () => import('./pages/SignIn.vue'), meta: { title: '登录', open: true } },
    { path: '/', component: () => import('./pages/Home.vue'), meta: { title: '首页' } },
    { path: '/overview', component: () => import('./pages/Overview.vue'), meta: { title: '县级总览', needs: 'read' } },
    { path: '/units/:code', component: () => import('./pages/UnitPage.vue'), meta: { title: '单位' } },
    { path: '/records/:id', component: () => import('./pages/RecordPage.vue'), meta: { title: '考核结果' } },
    { path: '/assess', component: () => import('./pages/AssessPage.vue'), meta: { title: '填报考核', needs: 'write' } },
    { path: '/assess/:id', component: () => import('./pages/AssessPage.vue'), meta: { title: '修改草稿', needs: 'write' } },
    { path: '/sheets', component: () => import('./pages/Sheets.vue'), meta: { title: '表格导入导出' } },
    { path: '/reports', component: () => import('./pages/Reports.vue'), meta: { title: '报表' } },
    { path: '/rectification', component: () => import('./pages/Rectification.vue'), meta: { title: '整改事项', needs: 'read' } },
    { path: '/overdue', component: () => import('./pages/Overdue.vue'), meta: { title: '逾期清单', needs: 'read' } },
    { path: '/admin', component: () => import('./pages/admin/AdminPage.vue'), meta: { title: '系统管理', needs: 'manage' } },
    { path: '/:rest(.*)*', component: () => import('./pages/NotFound.vue'), meta: { title: '不存在' } },
  ],
});

/** Who the stored token belongs to, asked once per page load. */
async function whoAmI(): Promise<Me | null> {
  if (!session.token) return null;
  if (session.me) return session.me;
  try {
    session.me = await api.get<Me>('/me');
    return session.me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

router.beforeEach(async (to: RouteLocationNormalized) => {
  if (to.meta.open) return true;
  const me = await whoAmI();
  if (!me) {
    if (session.token) signOut('令牌无效或已吊销，请重新登录');
    return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  }
  // A page the role may not use does not exist for it, as in the API.
  if (to.meta.needs && !me.may[to.meta.needs]) return { path: '/not-found', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title ? `${to.meta.title} - ` : ''}便民服务考核`;
});
