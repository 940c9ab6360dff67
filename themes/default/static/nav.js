// Where the main menu scrolls sideways (narrow screens), brings the current page's entry
// into view, so a visitor sees where they are. Without JavaScript the menu still scrolls.
(() => {
  const current = document.querySelector('.main-nav [aria-current="page"]');
  const list = current && current.closest('ul');
  if (!list || list.scrollWidth <= list.clientWidth) return;
  const entry = current.getBoundingClientRect();
  const box = list.getBoundingClientRect();
  list.scrollLeft += entry.left + entry.width / 2 - (box.left + box.width / 2);
})();
