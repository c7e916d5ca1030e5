import { onBeforeUnmount } from 'vue'

/** Calls `callback` once the caller has been quiet for `delay` ms; pending calls end with the component. */
export function useDebouncedCallback(callback: () => void, delay: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  onBeforeUnmount(() => clearTimeout(timer))
  return () => {
    clearTimeout(timer)
    timer = setTimeout(callback, delay)
  }
}
