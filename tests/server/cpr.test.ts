import { expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'

// Made-up numbers with birth dates in 2030 and 2050: nobody's.
const CPR = '150530-4000'
const OTHER = '0101505006'
/** The numbers in any written form. */
const LEAK = /150530\D{0,3}4000|010150\D{0,3}5006/

describeBackends('push: CPR numbers are masked on the server too', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    return { team, sb }
  }

  /** Every row the database holds about records and conflicts, as text. */
  async function databaseText(): Promise<string> {
    const db = server().app.storage.db
    return JSON.stringify([await db.selectFrom('records').selectAll().execute(), await db.selectFrom('conflicts').selectAll().execute()])
  }

  it('a crafted put with a CPR in the description is stored and pulled masked', async () => {
    const { team, sb } = await setup()
    await sb.pushOk({ clientId: 'old-client-1', mutations: [
      putOf(1, 'requests', 'req-1', team, sb.actor.id, {
        description: `Borger ${CPR} ringede`, resolution: `Slettet ${OTHER}`,
        referrals: [{ at: 1, from: null, to: null, note: `cpr ${CPR}` }],
      }),
    ] })
    const pulled = (await sb.pullAll()).find((r) => r.record.id === 'req-1')?.record
    expect(pulled).toMatchObject({
      description: 'Borger 150530-XXXX ringede', resolution: 'Slettet 010150-XXXX',
      referrals: [{ note: 'cpr 150530-XXXX' }],
    })
    expect(await databaseText()).not.toMatch(LEAK)
  })

  it('a patch with a CPR in free text is stored masked, and other fields are left alone', async () => {
    const { team, sb } = await setup()
    await sb.pushOk({ clientId: 'old-client-2', mutations: [
      putOf(1, 'assets', 'asset-1', team, sb.actor.id),
      patchOf(2, 'assets', 'asset-1', { notes: `Udlånt til ${OTHER}`, serial: 'SN-77' }, 0),
      putOf(3, 'timeEntries', 'time-1', team, sb.actor.id, { note: CPR }),
      putOf(4, 'checklistAnswers', 'answer-1', team, sb.actor.id, { value: `Medarbejder ${CPR}` }),
    ] })
    const records = new Map<string, unknown>((await sb.pullAll()).map((r) => [r.record.id, r.record]))
    expect(records.get('asset-1')).toMatchObject({ notes: 'Udlånt til 010150-XXXX', serial: 'SN-77', code: 'ABC123' })
    expect(records.get('time-1')).toMatchObject({ note: '150530-XXXX' })
    expect(records.get('answer-1')).toMatchObject({ value: 'Medarbejder 150530-XXXX' })
    expect(await databaseText()).not.toMatch(LEAK)
  })

  it('a conflicting patch keeps only the masked text as "yours"', async () => {
    const { team, sb } = await setup()
    await sb.pushOk({ clientId: 'phone-aaa', mutations: [putOf(1, 'requests', 'req-2', team, sb.actor.id)] })
    await sb.pushOk({ clientId: 'phone-aaa', mutations: [patchOf(2, 'requests', 'req-2', { description: 'Ny tekst' }, 0)] })
    const response = await sb.pushOk({ clientId: 'phone-bbb', mutations: [patchOf(1, 'requests', 'req-2', { description: `Gammel ${CPR}` }, 0)] })
    expect(response.conflicts).toMatchObject([{ field: 'description', yours: 'Gammel 150530-XXXX', theirs: 'Ny tekst' }])
    expect(await databaseText()).not.toMatch(LEAK)
  })
})
