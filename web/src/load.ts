// Loading a page's data: the value, the failure (shown by <Failure>), and a reload.
import { ref, type Ref } from 'vue';
import { ApiError } from './api.js';

export function useLoad<T>(fn: () => Promise<T>): { data: Ref<T | null>; error: Ref<ApiError | null>; loading: Ref<boolean>; reload: () => Promise<void> } {
  const data = ref<T | null>(null) as Ref<T | null>;
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let seq = 0;
  const reload = async () => {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const v = await fn();
      if (mine === seq) data.value = v;
    } catch (e) {
      if (mine === seq) error.value = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === seq) loading.value = false;
    }
  };
  return { data, error, loading, reload };
}

/** The message of any failure, for toasts. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
