export declare const LINK: {buttonLabel: string; href: string};
export declare const SAID: Record<'stepOne' | 'stepTwo' | 'cited' | 'citedUrl' | 'linkIntro' | 'linkAfter' | 'busyBefore' | 'busyAfter' | 'stopped' | 'late' | 'cutBefore' | 'shippingUrl', string>;
