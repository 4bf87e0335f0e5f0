import type { PropsWithChildren } from 'react';
import './app.scss';

/** The app shell: pages render themselves inside PageShell; nothing global to set up here. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
