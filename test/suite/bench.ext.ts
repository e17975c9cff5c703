/** The benchmark's extension-host part: prints the activation figures measured by the extension itself. */
import { api } from './helpers';

describe('activation figures', () => {
  it('prints them', async () => {
    const a = await api();
    console.log(`ACD_BENCH ${JSON.stringify({ shown: a.activationMs, ...a.activationPhases })}`);
  });
});
