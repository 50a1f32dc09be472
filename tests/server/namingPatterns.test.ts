import { expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { patchOf, useServer } from './support/harness.ts'

describeBackends('team naming rules', (kind) => {
  const server = useServer(kind)
  const rules = [
    { id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse} – {Matrikel}', explanation: 'Emnet først.', examples: ['Carport – Skovvej 3 – 7b'] },
    { id: 'referat', name: 'Referat', pattern: '{Dato} Referat – {Møde}', explanation: '', examples: [] },
  ]

  it('a koordinator sets them, a superbruger and a leder cannot, and every member pulls them', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const superbruger = await server().user('superbruger', [team])
    const leder = await server().user('leder', [team])
    for (const [who, device] of [[superbruger, 'superbruger-device'], [leder, 'leder-device']] as const) {
      const refused = await who.pushOk({ clientId: device, mutations: [patchOf(1, 'teams', team, { namingPatterns: rules }, 0)] })
      expect(refused.rejected).toEqual([expect.objectContaining({ reason: 'forbidden' })])
    }
    const applied = await koordinator.pushOk({ clientId: 'koordinator-device', mutations: [patchOf(1, 'teams', team, { namingPatterns: rules }, 0)] })
    expect(applied.rejected).toEqual([])
    const pulled = (await superbruger.pullAll()).find((r) => r.table === 'teams')!.record
    expect(pulled).toMatchObject({ namingPatterns: rules })
  })

  it('rejects rules the helper could not use: no fields, unbalanced braces, a duplicate name, overly long text', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const [rule] = rules
    for (const namingPatterns of [
      [{ ...rule, pattern: 'Byggesag' }],
      [{ ...rule, pattern: '{Emne – {Adresse}' }],
      [{ ...rule, pattern: '{Emne}} – {Adresse}' }],
      [rule, { ...rule, id: 'byggesag-2', name: 'BYGGESAG' }],
      [rule, { ...rule, name: 'Anden' }],
      [{ ...rule, name: 'x'.repeat(81) }],
      [{ ...rule, examples: ['x'.repeat(301)] }],
      [{ ...rule, id: 'has space' }],
      [{ ...rule, extra: true }],
    ]) {
      const response = await koordinator.push({ clientId: 'koordinator-device', mutations: [patchOf(1, 'teams', team, { namingPatterns }, 0)] })
      expect(response.statusCode, JSON.stringify(namingPatterns)).toBe(400)
    }
  })

  it('masks a CPR number in an explanation or example pushed by any client', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const withCpr = [{ ...rules[0]!, explanation: 'Aldrig 150530-4000.', examples: ['Personalesag – 150530-4000'] }]
    await koordinator.pushOk({ clientId: 'koordinator-device', mutations: [patchOf(1, 'teams', team, { namingPatterns: withCpr }, 0)] })
    const pulled = (await koordinator.pullAll()).find((r) => r.table === 'teams')!.record
    expect(JSON.stringify(pulled)).not.toContain('150530-4000')
    expect(pulled).toMatchObject({ namingPatterns: [{ id: 'byggesag', pattern: '{Emne} – {Adresse} – {Matrikel}' }] })
  })
})
