/** What a camera or a worker hands the scanning pages: repeated readings, typed venue codes. */
import { repeatGuard } from '../../src/services/repeatGuard';
import { sceneFromManualCode, venueManualCode } from '../../src/services/venueCode';
import { parseVenueScene, venueScene } from '../../src/contracts/competitions';

describe('a camera held on one code', () => {
  it('counts one scan while the code stays in view, and a new one once it was away long enough', () => {
    const fresh = repeatGuard(2500);
    expect(fresh('A', 0)).toBe(true);
    // read again and again while held up: the same scan
    expect(fresh('A', 300)).toBe(false);
    expect(fresh('A', 2700)).toBe(false);
    // another code at once is a new scan
    expect(fresh('B', 2800)).toBe(true);
    // the first code shown again after a pause
    expect(fresh('A', 6000)).toBe(true);
  });
});

describe('the venue code typed by hand', () => {
  const id = '65a1b2c3d4e5f60718293a4b';
  it('is printed as the list digit and the code, and typed back into the same scene', () => {
    const scene = venueScene(id, 1, 'AB2CD3');
    const printed = venueManualCode(parseVenueScene(scene)!);
    expect(printed).toBe('1AB2-CD3');
    expect(sceneFromManualCode(printed, id)).toBe(scene);
    expect(sceneFromManualCode(' 1ab2 cd3 ', id)).toBe(scene);
  });

  it('refuses what cannot be a venue code', () => {
    for (const typed of ['', '1AB2-CD', '9AB2-CD3', 'hello world', '1AB2-CD3X'])
      expect(sceneFromManualCode(typed, id)).toBeNull();
  });
});
