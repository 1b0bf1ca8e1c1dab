import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Campaign } from '../../shared/domain/schemas';
import { useCall } from './api';

interface CampaignCtx {
  campaigns: Campaign[];
  campaignId: string | undefined;
  campaign: Campaign | undefined;
  setCampaignId: (id: string | undefined) => void;
  loading: boolean;
}
const Ctx = createContext<CampaignCtx>({ campaigns: [], campaignId: undefined, campaign: undefined, setCampaignId: () => {}, loading: true });

const KEY = 'ledger.campaignId';

/** The campaign (活动) chosen in the header; every screen shows that campaign's topics. */
export function CampaignProvider({ children }: { children: ReactNode }) {
  const { data, loading } = useCall('campaign.list', {});
  const [campaignId, setId] = useState<string | undefined>(() => localStorage.getItem(KEY) ?? undefined);
  const campaigns = useMemo(() => data ?? [], [data]);
  // The list as it was when a campaign was chosen: a campaign just made (by an
  // import, say) is not in it yet, and must not be taken back before the list reloads.
  const listWhenChosen = useRef<typeof data>(undefined);
  useEffect(() => {
    if (!data) return;
    if (campaignId && data.some((c) => c.id === campaignId)) return;
    if (campaignId && data === listWhenChosen.current) return;
    // The newest campaign by default (the list comes sorted by the core).
    const next = [...data].sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt))[0]?.id;
    setId(next);
  }, [data, campaignId]);
  const value = useMemo<CampaignCtx>(
    () => ({
      campaigns,
      campaignId,
      campaign: campaigns.find((c) => c.id === campaignId),
      loading,
      setCampaignId: (id) => {
        listWhenChosen.current = data;
        if (id) localStorage.setItem(KEY, id);
        else localStorage.removeItem(KEY);
        setId(id);
      },
    }),
    [campaigns, campaignId, loading, data],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useCampaign = () => useContext(Ctx);
