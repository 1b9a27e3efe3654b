import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 6 (the default) is 4.3:1 against white, short of WCAG AA for links and for white button text.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  components: {
    Badge: {
      // Light badges are tinted backgrounds; Mantine's tinted label colours miss WCAG AA (green is 3.4:1).
      defaultProps: { variant: 'light' },
      styles: { label: { color: 'var(--mantine-color-text)' } },
    },
    Alert: {
      // Mantine's light-variant titles miss WCAG AA contrast for some colours (green-9 on green-1 is 3.8:1),
      // so titles use the body text colour; the tinted background still carries the colour.
      styles: { title: { color: 'var(--mantine-color-text)' } },
    },
    // Mantine's close buttons are icons without a name.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close panel' } } },
    Notification: {
      // Toasts: the close button is an icon without a name, and the message under a title is gray-6
      // (3.2:1 on white); both miss WCAG AA.
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    },
  },
});
