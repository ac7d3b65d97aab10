// The comments as a list (the text alternative of the pins): category, text, status or the municipality's answer,
// and a button that shows the pin on the map.
import type { Comment } from '../../../server/contracts/workspace.ts';
import { translate, type Language } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { ShownComment } from './own-comments.ts';

export function commentItem(lang: Language, shown: ShownComment, onShow: (comment: Comment) => void): HTMLLIElement {
  const { comment, status } = shown;
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const showButton = buttonWithContext(t('part.showOnMap'), t(`part.category.${comment.category}`));
  showButton.classList.add('comment-show');
  showButton.addEventListener('click', () => onShow(comment));
  return el(
    'li',
    { class: `comment-item comment-${status}`, 'data-comment-id': comment.id, 'data-status': status },
    el('p', { class: 'comment-head' }, el('span', { class: `comment-category category-${comment.category}` }, t(`part.category.${comment.category}`)), ' ', status === 'approved' ? null : el('span', { class: 'comment-own' }, t('part.own'))),
    el('p', { class: 'comment-text' }, comment.text),
    status === 'own-pending' ? el('p', { class: 'comment-status' }, t('part.pending')) : null,
    comment.answer ? el('p', { class: 'comment-answer' }, el('strong', {}, `${t('part.answer')} `), comment.answer) : null,
    showButton,
  );
}

/**
 * A button whose visible text is completed for screen readers by a hidden "(context)", so its accessible name starts
 * with what sighted users read (WCAG 2.5.3 label in name) and still says which item it acts on.
 */
export function buttonWithContext(visible: string, context: string, attributes: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', ...attributes }, visible, el('span', { class: 'visually-hidden' }, ` (${context})`));
}
