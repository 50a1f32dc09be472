import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, shallowRef, type App } from 'vue'
import BaseField from '../../../../src/components/base/BaseField.vue'

type Slot = { id: string, describedBy: string | undefined, invalid: 'true' | undefined }
let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

/** Mounts a BaseField around a plain input that takes the slot's wiring, with reactive props. */
function mount(initial: Record<string, unknown>) {
  const props = shallowRef(initial)
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({
    render: () => h(BaseField, { id: 'loan-note', label: 'Note', ...props.value }, {
      default: (slot: Slot) => h('input', { id: slot.id, 'aria-describedby': slot.describedBy, 'aria-invalid': slot.invalid }),
    }),
  })
  app.mount(host)
  const input = () => host.querySelector('input')!
  return { host, props, input }
}

describe('BaseField', () => {
  it('labels the control: the label is for the id the control takes', () => {
    const { host, input } = mount({})
    const label = host.querySelector('label')!
    expect(label.textContent).toBe('Note')
    expect(label.htmlFor).toBe('loan-note')
    expect(input().id).toBe('loan-note')
    expect(input().labels?.[0]).toBe(label)
    expect(input().hasAttribute('aria-describedby')).toBe(false)
    expect(input().hasAttribute('aria-invalid')).toBe(false)
    expect(host.querySelector('.field-error')).toBeNull()
  })

  it('describes the control by its hint', () => {
    const { host, input } = mount({ hint: 'Højst 200 tegn' })
    expect(host.querySelector('#loan-note-hint')?.textContent).toBe('Højst 200 tegn')
    expect(input().getAttribute('aria-describedby')).toBe('loan-note-hint')
  })

  it('keeps an empty live region before the first error, then marks the control invalid and describes it by hint and error', async () => {
    const { host, props, input } = mount({ hint: 'Højst 200 tegn', error: null })
    const region = host.querySelector('#loan-note-error')!
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toBe('')
    expect(input().getAttribute('aria-describedby')).toBe('loan-note-hint')

    props.value = { hint: 'Højst 200 tegn', error: 'Noten er for lang.' }
    await nextTick()
    expect(host.querySelector('#loan-note-error')).toBe(region)
    expect(region.textContent).toBe('Noten er for lang.')
    expect(input().getAttribute('aria-invalid')).toBe('true')
    expect(input().getAttribute('aria-describedby')).toBe('loan-note-hint loan-note-error')

    props.value = { hint: 'Højst 200 tegn', error: null }
    await nextTick()
    expect(region.textContent).toBe('')
    expect(input().hasAttribute('aria-invalid')).toBe(false)
    expect(input().getAttribute('aria-describedby')).toBe('loan-note-hint')
  })

  it('takes given hint and error ids, more descriptions, and an urgent error as an alert', () => {
    const { host, input } = mount({ hint: 'Tip', hintId: 'note-tip', error: 'Skriv en note.', errorId: 'note-problem', describedBy: 'note-count', alert: true })
    const error = host.querySelector('#note-problem')!
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.hasAttribute('aria-live')).toBe(false)
    expect(host.querySelector('#note-tip')?.textContent).toBe('Tip')
    expect(input().getAttribute('aria-describedby')).toBe('note-tip note-problem note-count')
  })

  it('leaves no error element when the error is undefined (a field that shows its error only when there is one)', async () => {
    const { host, props, input } = mount({ error: undefined })
    expect(host.querySelector('.field-error')).toBeNull()
    props.value = { error: 'Skriv en note.' }
    await nextTick()
    expect(host.querySelector('#loan-note-error')?.textContent).toBe('Skriv en note.')
    expect(input().getAttribute('aria-describedby')).toBe('loan-note-error')
  })
})
