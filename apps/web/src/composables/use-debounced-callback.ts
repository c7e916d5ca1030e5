import { onBeforeUnmount } from 'vue'

export interface DebouncedCallback {
  (): void
  /** Drops a pending call, e.g. when the user already did by hand what it would do. */
  cancel: () => void
}

/** Calls `callback` once the caller has been quiet for `delay` ms; pending calls end with the component. */
export function useDebouncedCallback(callback: () => void, delay: number): DebouncedCallback {
  let timer: ReturnType<typeof setTimeout> | undefined
  const cancel = (): void => clearTimeout(timer)
  onBeforeUnmount(cancel)
  return Object.assign(() => {
    cancel()
    timer = setTimeout(callback, delay)
  }, { cancel })
}
