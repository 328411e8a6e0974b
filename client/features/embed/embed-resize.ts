/** The message an embed sends its host (embed.js) when its height changes. */
export interface ResizeMessage {
  type: 'atlas-embed:resize';
  frame: string;
  height: number;
}

/**
 * Tells the host page the height of the content, whenever it changes, so that the iframe follows it. Only a
 * height and the frame id embed.js chose are sent: nothing private, hence the `*` target (the host checks
 * our origin and its own iframe on its side).
 */
export function reportHeight(frame: string, root: HTMLElement = document.documentElement): () => void {
  let last = -1;
  const send = () => {
    const height = Math.ceil(root.scrollHeight);
    if (height === last) return;
    last = height;
    const message: ResizeMessage = { type: 'atlas-embed:resize', frame, height };
    window.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(send);
  observer.observe(document.body);
  send();
  return () => observer.disconnect();
}
