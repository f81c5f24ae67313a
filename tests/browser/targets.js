// WCAG 2.2 success criterion 2.5.8 (Target Size, Minimum), measured in the page.
// Returns the offenders as [{text, tag, width, height}].
//
// Targets: every visible link, button, input, select, textarea and summary. A checkbox or radio
// button is measured with its label when the label wraps it, since the label is then part of
// what a finger can press.
//
// Inside running text (the criterion's "Inline" exception): a link whose computed display is
// inline and whose nearest block-level ancestor holds text outside the link, i.e. the link
// shares a line box with words of a sentence (a link in a <p>, <li> or <dd> that reads on).
//
// Equivalent (the criterion's exception for a function offered twice): an undersized target passes
// when another target on the page with the same address meets the size (the map's markers lead to
// editions that the list of places beside the map links with full-size targets). A link within the
// page is offered twice when its destination holds full-size targets: a marker standing for several
// places leads to their entries in that list, whose links are the same choice.
//
// Spacing (the criterion's exception for undersized targets): a target under 24 x 24 passes when
// a circle of 24 px diameter centred on it intersects no other target, nor the circle of another
// undersized target.
() => {
  const MIN = 24;
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";

  const isVisible = (element) => {
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const box = element.getBoundingClientRect();
    // The visually-hidden pattern leaves a 1 px clipped box: nothing a finger can hit.
    return box.width > 1 && box.height > 1;
  };

  // The nearest ancestor that is not inline: the block whose line boxes the node sits in.
  const blockOf = (node) => {
    let element = node.parentElement;
    while (element && getComputedStyle(element).display.startsWith("inline")) element = element.parentElement;
    return element || document.body;
  };

  const textOutside = (block, element) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (element.contains(node) || !node.textContent.trim()) continue;
      const parent = node.parentElement;
      if (parent.closest(".visually-hidden") || !parent.checkVisibility()) continue;
      // A button's or another link's words are a control beside it, not a sentence around it.
      if (parent.closest(selector)) continue;
      // Text in a nested block (a paragraph inside the list item) is not on the link's lines.
      if (blockOf(node) === block) return true;
    }
    return false;
  };

  const inRunningText = (element) =>
    element.localName === "a"
    && getComputedStyle(element).display === "inline"
    && textOutside(blockOf(element), element);

  const targetOf = (element) => {
    if (element.type === "checkbox" || element.type === "radio") {
      const wrapping = element.closest("label");
      if (wrapping) return wrapping;
    }
    return element;
  };

  const seen = new Set();
  const targets = [];
  for (const element of document.querySelectorAll(selector)) {
    const target = targetOf(element);
    if (seen.has(target) || !isVisible(target)) continue;
    seen.add(target);
    const box = target.getBoundingClientRect();
    targets.push({
      element: target,
      box,
      inline: inRunningText(target),
      small: box.width < MIN - 0.01 || box.height < MIN - 0.01,
      centre: { x: box.left + box.width / 2, y: box.top + box.height / 2 },
    });
  }

  const distanceToBox = (point, box) => {
    const dx = Math.max(box.left - point.x, 0, point.x - box.right);
    const dy = Math.max(box.top - point.y, 0, point.y - box.bottom);
    return Math.hypot(dx, dy);
  };

  const spaced = (target) => targets.every((other) => {
    if (other === target || other.element.contains(target.element) || target.element.contains(other.element)) {
      return true;
    }
    if (distanceToBox(target.centre, other.box) < MIN / 2) return false;
    if (other.small && !other.inline) {
      return Math.hypot(target.centre.x - other.centre.x, target.centre.y - other.centre.y) >= MIN;
    }
    return true;
  });

  const href = (element) => element.getAttribute("href");
  const fullSize = targets.filter((target) => !target.small);
  const equivalent = (target) => {
    const address = href(target.element);
    if (address === null) return false;
    if (fullSize.some((other) => other !== target && href(other.element) === address)) return true;
    const destination = address.startsWith("#") && document.getElementById(address.slice(1));
    return Boolean(destination) && fullSize.some((other) => destination.contains(other.element));
  };

  return targets
    .filter((target) => target.small && !target.inline && !spaced(target) && !equivalent(target))
    .map((target) => ({
      text: (target.element.innerText || target.element.value || target.element.getAttribute("aria-label")
        || target.element.name || "").trim().replace(/\s+/g, " ").slice(0, 60),
      tag: target.element.localName + (target.element.type ? `[${target.element.type}]` : ""),
      width: Math.round(target.box.width * 10) / 10,
      height: Math.round(target.box.height * 10) / 10,
    }));
}
