import { render } from 'preact';
import { t } from '../ui/i18n';
import { Options } from './Options';

document.title = t('optionsTitle');
const app = document.getElementById('app');
if (app) render(<Options />, app);
