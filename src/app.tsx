import type { PropsWithChildren } from 'react';
import './app.scss';

// Taro's web components bring their own px styles; the mini program build drops this branch.
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./styles/h5.scss');
}

/** The app shell: pages render themselves inside PageShell; nothing global to set up here. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
