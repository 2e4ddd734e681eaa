import { render } from 'preact';
import { t } from '../ui/i18n';
import { Popup } from './Popup';

document.title = t('extName');
const app = document.getElementById('app');
if (app) render(<Popup />, app);
