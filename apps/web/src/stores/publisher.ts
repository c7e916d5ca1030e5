import type { AttestationBody, CreateAppBody, PublisherApp, PublisherAppListItem, ReleaseBody, UpdateAppBody } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, unwrapWithEtag } from '../lib/api.ts'

/** The vendor console: my organization's apps and the one being edited, with its ETag. */
export const usePublisherStore = defineStore('publisher', () => {
  const apps = ref<PublisherAppListItem[]>([])
  const current = ref<PublisherApp | null>(null)
  const etag = ref<string | null>(null)

  async function loadList(): Promise<void> {
    apps.value = await unwrap(api.GET('/api/v1/publisher/apps'))
  }

  async function load(slug: string): Promise<void> {
    const result = await unwrapWithEtag(api.GET('/api/v1/publisher/apps/{slug}', { params: { path: { slug } } }))
    current.value = result.data
    etag.value = result.etag
  }

  async function create(body: CreateAppBody): Promise<PublisherApp> {
    const result = await unwrapWithEtag(api.POST('/api/v1/apps', { body }))
    current.value = result.data
    etag.value = result.etag
    return result.data
  }

  async function update(slug: string, body: UpdateAppBody): Promise<void> {
    // If-Match carries the revision this edit is based on; a concurrent change makes it fail with 412.
    const result = await unwrapWithEtag(api.PATCH('/api/v1/apps/{slug}', { params: { path: { slug } }, body, headers: { 'If-Match': etag.value ?? '' } }))
    current.value = result.data
    etag.value = result.etag
  }

  // Releases and attestations do not change the app's revision, so the ETag stays valid; the POST answers with the app.
  async function addRelease(slug: string, body: ReleaseBody): Promise<void> {
    current.value = await unwrap(api.POST('/api/v1/apps/{slug}/releases', { params: { path: { slug } }, body }))
  }

  async function addAttestation(slug: string, body: AttestationBody): Promise<void> {
    current.value = await unwrap(api.POST('/api/v1/apps/{slug}/attestations', { params: { path: { slug } }, body }))
  }

  async function requestCertification(slug: string, release: string): Promise<void> {
    await unwrap(api.POST('/api/v1/apps/{slug}/certification-requests', { params: { path: { slug } }, body: { release } }))
    await load(slug)
  }

  return { apps, current, etag, loadList, load, create, update, addRelease, addAttestation, requestCertification }
})
