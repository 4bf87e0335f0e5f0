/**
 * The one list of accessibility findings the app cannot fix: each made by a Taro H5 component
 * (or the router) in markup the app does not write. Every entry names the axe rule, the elements
 * (a CSS selector) and why. A finding of the same rule elsewhere still fails the test.
 */
export interface A11yExclusion {
  rule: string;
  selector: string;
  reason: string;
}

export const A11Y_EXCLUSIONS: A11yExclusion[] = [
  {
    rule: 'scrollable-region-focusable',
    selector: '.taro_page',
    reason:
      "Taro's H5 router renders every page as a div (.taro_page) that scrolls itself and that the " +
      'app never writes. axe asks for it to take keyboard focus when nothing inside it is in the tab ' +
      'order; the app\'s buttons are Taro Views (role="button"), which Taro gives no tabindex.',
  },
];
