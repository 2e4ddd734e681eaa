declare module 'virtual:backstory-knowledge' {
  import type { Knowledge } from './core/knowledge/compile';
  const knowledge: Knowledge;
  export default knowledge;
}
