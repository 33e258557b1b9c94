export { README_QUERIES } from './readmeQueries.js';
export { registerUi, UI_API_PREFIX, type UiOptions } from './registerUi.js';
export { type WebAsset, WebAssets, webDistDir } from './webAssets.js';
