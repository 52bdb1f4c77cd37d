// The renderer's entry: the bridge (Electron's preload, or the loopback HTTP bridge), the language, the app.
import './zod-config'
// The shared styles come before any screen's own, so a screen's rules win over the defaults.
import './styles/theme.css'
import './styles/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { desk } from './api'
import { App } from './app/App'
import { createI18n, systemLanguage } from './i18n'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
const language = systemLanguage()
document.documentElement.lang = language

createRoot(root).render(
  <StrictMode>
    <App desk={desk} i18n={createI18n(language)} />
  </StrictMode>,
)
